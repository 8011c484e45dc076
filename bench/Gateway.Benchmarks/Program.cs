// Runs the micro-benchmarks in this process (BenchmarkDotNet's in-process toolchain: no generated project to
// restore and build, so the repository's central package management and locked restore do not get in the way).
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.DecisionBenchmarks).Assembly).Run(args, config);
