// nanoFramework's MetadataProcessor refuses an assembly with more than 65,535 bytes of byte code ("Byte code
// table overflow ... impossible to compile such a large assembly"), so a core that grows past it cannot be
// built for a board at all, however well the desktop tests pass. On the device the core is two assemblies
// (Core/Gateway.Core.nfproj without App, Console, Auth and RouterOs; CoreApp/Gateway.Core.App.nfproj with
// them). CI has no MetadataProcessor, so this estimates each one's byte code from the desktop build's IL.
// MetadataProcessor built from its sources here gave, per byte of IL: Release 0.784 (Gateway.Core, 54,504 IL
// -> 42,719) and 0.749 (Gateway.Core.App, 31,902 -> 23,883); Debug 0.805 (the whole core, 105,803 -> 85,192).
// The factors below sit above those, and a 3,000-byte reserve keeps room for the estimate's error.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Gateway.Core.Tests;

public partial class DeviceAssemblySizeTests
{
    private const int ByteCodeLimit = 65_535;
    // Byte code per byte of IL, a little above what MetadataProcessor gave for each configuration.
    private const double ByteCodePerOptimizedIlByte = 0.80;
    private const double ByteCodePerDebugIlByte = 0.83;
    private const int Reserve = 3_000;
    // The folders (and namespaces) that make Gateway.Core.App on the device.
    private static readonly string[] AppFolders = { "App", "Console", "Auth", "RouterOs" };

    private static (long Core, long App) IlBytes()
    {
        using var stream = File.OpenRead(typeof(Engine.FilterEngine).Assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        long core = 0, app = 0;
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            var type = method.GetDeclaringType();
            while (md.GetTypeDefinition(type).IsNested) type = md.GetTypeDefinition(type).GetDeclaringType();
            string ns = md.GetString(md.GetTypeDefinition(type).Namespace);
            int size = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!.Length;
            if (AppFolders.Any(f => ns == "Gateway.Core." + f || ns.StartsWith("Gateway.Core." + f + ".", StringComparison.Ordinal))) app += size;
            else core += size;
        }
        return (core, app);
    }

    [Fact]
    public void Each_device_assembly_of_the_core_stays_under_the_metadata_processor_s_byte_code_limit()
    {
        var (core, app) = IlBytes();
        // Tests usually run a Debug build, whose IL (and a Debug device build's byte code) is about a quarter
        // larger than Release's: holding the Debug estimate under the limit holds Release's too.
        var debuggable = (System.Diagnostics.DebuggableAttribute?)Attribute.GetCustomAttribute(typeof(Engine.FilterEngine).Assembly, typeof(System.Diagnostics.DebuggableAttribute));
        double perIlByte = debuggable != null && debuggable.IsJITOptimizerDisabled ? ByteCodePerDebugIlByte : ByteCodePerOptimizedIlByte;
        Assert.True(core > 40_000 && app > 10_000, $"the split counts nothing: {core} and {app} bytes of IL");
        foreach (var (name, il) in new[] { ("Gateway.Core", core), ("Gateway.Core.App", app) })
        {
            long estimate = (long)(il * perIlByte);
            Assert.True(estimate + Reserve <= ByteCodeLimit,
                $"{name}: {il} bytes of IL, about {estimate} bytes of nanoFramework byte code; MetadataProcessor refuses more than "
                + $"{ByteCodeLimit} per assembly. Move a folder to another device assembly (see CoreApp/Gateway.Core.App.nfproj).");
        }
    }

    [Fact]
    public void The_two_device_projects_split_the_core_s_folders_between_them_and_every_file_s_namespace_follows_its_folder()
    {
        string firmware = Path.Combine(Support.Repo.Root, "src", "Firmware");
        string coreProject = File.ReadAllText(Path.Combine(firmware, "Core", "Gateway.Core.nfproj"));
        string appProject = File.ReadAllText(Path.Combine(firmware, "CoreApp", "Gateway.Core.App.nfproj"));
        foreach (string folder in AppFolders)
        {
            Assert.Contains(folder + "\\**", coreProject, StringComparison.Ordinal);                  // excluded from the core
            Assert.Contains("..\\Core\\" + folder + "\\**\\*.cs", appProject, StringComparison.Ordinal);  // compiled into the app half
        }
        // The estimate above goes by namespace, the projects by folder: they must agree.
        string core = Path.Combine(firmware, "Core");
        foreach (string file in Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(core, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            Match ns = Namespace().Match(File.ReadAllText(file));
            if (!ns.Success) continue;
            string folder = relative.Split(Path.DirectorySeparatorChar)[0];
            bool inApp = AppFolders.Contains(folder);
            bool nsInApp = AppFolders.Any(f => ns.Groups[1].Value == "Gateway.Core." + f || ns.Groups[1].Value.StartsWith("Gateway.Core." + f + ".", StringComparison.Ordinal));
            Assert.True(inApp == nsInApp, $"{relative}: namespace {ns.Groups[1].Value} and folder {folder} put it in different device assemblies");
        }
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}
