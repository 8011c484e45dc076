// The device tests (TestFramework names their assembly NFUnitTest) reach the host's internals as they reach the
// core's; on the desktop Gateway.Host.csproj names Gateway.Core.Tests.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("NFUnitTest")]
