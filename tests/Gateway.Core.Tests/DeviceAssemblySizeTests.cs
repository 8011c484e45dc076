// nanoFramework's MetadataProcessor refuses an assembly with more than 65,535 bytes of byte code ("Byte code
// table overflow ... impossible to compile such a large assembly"), so a layer that grows past it cannot be
// built for a board at all, however well the desktop tests pass. On the device the firmware's portable code is
// two assemblies, one per layer: Core/Gateway.Core.nfproj (rules, tables, engine, lists, compiler, package) and
// Host/Gateway.Host.nfproj (the loop and its components, running rules, consoles, login, RouterOS language). CI
// has no MetadataProcessor, so this estimates each one's byte code from the desktop build's IL of the same
// sources. MetadataProcessor built from its sources here gave, per byte of IL: Release 0.784 (Gateway.Core, 54,504
// IL -> 42,719) and 0.749 (the host's folders, 31,902 -> 23,883); Debug 0.805 (both, 105,803 -> 85,192). The
// factors below sit above those, and a 3,000-byte reserve keeps room for the estimate's error.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Gateway.Core.Tests;

public partial class DeviceAssemblySizeTests(ITestOutputHelper output)
{
    private const int ByteCodeLimit = 65_535;
    // Byte code per byte of IL, a little above what MetadataProcessor gave for each configuration.
    private const double ByteCodePerOptimizedIlByte = 0.80;
    private const double ByteCodePerDebugIlByte = 0.83;
    private const int Reserve = 3_000;

    private static long IlBytes(System.Reflection.Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        long total = 0;
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress != 0) total += pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!.Length;
        }
        return total;
    }

    [Fact]
    public void Each_device_assembly_stays_under_the_metadata_processor_s_byte_code_limit()
    {
        var coreAssembly = typeof(Engine.FilterEngine).Assembly;
        var hostAssembly = typeof(Gateway.Host.App.GatewayApp).Assembly;
        long core = IlBytes(coreAssembly), host = IlBytes(hostAssembly), crypto = IlBytes(typeof(Gateway.Crypto.Aes256).Assembly);
        // Tests usually run a Debug build, whose IL (and a Debug device build's byte code) is about a quarter
        // larger than Release's: holding the Debug estimate under the limit holds Release's too.
        var debuggable = (System.Diagnostics.DebuggableAttribute?)Attribute.GetCustomAttribute(coreAssembly, typeof(System.Diagnostics.DebuggableAttribute));
        double perIlByte = debuggable != null && debuggable.IsJITOptimizerDisabled ? ByteCodePerDebugIlByte : ByteCodePerOptimizedIlByte;
        Assert.True(core > 40_000 && host > 10_000 && crypto > 2_000, $"the split counts nothing: {core}, {host} and {crypto} bytes of IL");
        foreach (var (name, il) in new[] { ("Gateway.Core", core), ("Gateway.Host", host), ("Gateway.Crypto", crypto) })
        {
            long estimate = (long)(il * perIlByte);
            output.WriteLine($"{name}: {il} bytes of IL, about {estimate} bytes of byte code of {ByteCodeLimit}");
            Assert.True(estimate + Reserve <= ByteCodeLimit,
                $"{name}: {il} bytes of IL, about {estimate} bytes of nanoFramework byte code; MetadataProcessor refuses more than "
                + $"{ByteCodeLimit} per assembly. Move a folder to another device assembly (a layer of its own, as Host/Gateway.Host.nfproj).");
        }
    }

    [Theory]
    [InlineData("Core", "Gateway.Core")]
    [InlineData("Host", "Gateway.Host")]
    [InlineData("Crypto", "Gateway.Crypto")]
    public void Each_device_project_compiles_its_own_folder_and_every_file_s_namespace_follows_its_folder(string folder, string assembly)
    {
        string root = Path.Combine(Repo.Root, "src", "Firmware", folder);
        string project = File.ReadAllText(Path.Combine(root, assembly + ".nfproj"));
        Assert.Contains("<AssemblyName>" + assembly + "</AssemblyName>", project, StringComparison.Ordinal);
        Assert.Contains("<Compile Include=\"**\\*.cs\" Exclude=\"obj\\**;bin\\**\" />", project, StringComparison.Ordinal);
        foreach (var (relative, text) in Sources(root))
        {
            Match ns = Namespace().Match(text);
            if (!ns.Success) continue;
            string[] parts = relative.Split(Path.DirectorySeparatorChar);
            string expected = parts.Length == 1 ? assembly : assembly + "." + parts[0];
            Assert.True(ns.Groups[1].Value == expected || ns.Groups[1].Value.StartsWith(expected + ".", StringComparison.Ordinal),
                $"{folder}/{relative}: namespace {ns.Groups[1].Value}, folder says {expected}");
        }
    }

    // The layers below may not name the layers above: wire headers and tables below the engine, the host above
    // the core, and the consoles beside the loop, which they reach through IGatewayStatus (declared in Console).
    // Each rule: a folder, then the namespaces its files may not name.
    [Theory]
    [InlineData("Core/Headers: Gateway.Core.Engine Gateway.Host")]
    [InlineData("Core/Tables: Gateway.Core.Engine Gateway.Host")]
    [InlineData("Core/Engine: Gateway.Core.Compiler Gateway.Host")]
    [InlineData("Core/Packets: Gateway.Core.Engine Gateway.Host")]
    [InlineData("Core/MatchState: Gateway.Core.Engine Gateway.Core.Tables")]
    [InlineData("Host/Console: Gateway.Host.App")]
    [InlineData("Host/Running: Gateway.Host.App Gateway.Host.Console")]
    [InlineData("Host/Auth: Gateway.Host.App Gateway.Host.Console")]
    [InlineData("Host/RouterOs: Gateway.Host.App Gateway.Host.Console")]
    [InlineData("Crypto: Gateway.Core Gateway.Host")]
    public void Dependencies_run_one_way(string rule)
    {
        string folder = rule[..rule.IndexOf(':', StringComparison.Ordinal)];
        string[] forbidden = rule[(folder.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string root = Path.Combine(Repo.Root, "src", "Firmware", folder);
        Assert.True(Directory.Exists(root), root);
        foreach (var (relative, text) in Sources(root))
            foreach (string name in forbidden)
                Assert.False(Regex.IsMatch(text, @"(^using\s+" + Regex.Escape(name) + @"(\.\w+)*\s*;)|(\b" + Regex.Escape(name) + @"\.[A-Z])", RegexOptions.Multiline),
                    $"{folder}/{relative} uses {name}");
    }

    private static IEnumerable<(string Relative, string Text)> Sources(string root)
    {
        foreach (string file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            yield return (relative, File.ReadAllText(file));
        }
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
