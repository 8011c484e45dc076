// nanoFramework's MetadataProcessor refuses an assembly whose string table passes 65,535 bytes ("String table
// overflow ... Can't use so many strings"): every name the assembly defines or references and every literal,
// once each, UTF-8 and zero-terminated. The device tests come nearest: their names are sentences, and each
// assertion also carries its argument as text (the TestFramework's [CallerArgumentExpression]). MetadataProcessor
// built from its sources counted 49,066 bytes for the device tests of commit 6feefd4; the count below gives
// 49,026 for the same sources. CI has no MetadataProcessor, so this counts those strings in the build that
// compile-checks the device tests (tests/Gateway.Device.Tests/Check: the tests and the core in one assembly, so
// only the tests' own types count, and what they use of the core counts as references, as on the device). The
// firmware's two device assemblies (Gateway.Core, Gateway.Host) are counted the same way in the nanoFramework
// checks' builds.
using Mono.Cecil;
using Mono.Cecil.Cil;
using Xunit.Abstractions;

namespace Gateway.Core.Tests;

public class DeviceStringTableTests(ITestOutputHelper output)
{
    private const int StringTableLimit = 65_535;
    // Room for the strings the count leaves out (custom attribute arguments, names only in signatures of
    // members the tests do not call) and for MetadataProcessor's own.
    private const int Reserve = 3_000;

    // The device tests' own types: theirs, and the helpers they share with the core's tests (tests/Shared/Portable).
    private static bool IsTest(TypeDefinition type)
    {
        while (type.DeclaringType != null) type = type.DeclaringType;
        return type.Namespace is "Gateway.Device.Tests" or "Gateway.Testing";
    }

    [Fact]
    public void The_device_tests_stay_under_the_metadata_processor_s_string_table_limit()
    {
        string dll = Built(Path.Combine("tests", "Gateway.Device.Tests", "Check"), "NFUnitTest.Check.dll");
        var (bytes, literals, strings) = Count(dll, IsTest);
        output.WriteLine($"device tests: {bytes} bytes of strings of {StringTableLimit}");
        Assert.True(literals > 1_000 && strings > 1_000, $"the count finds almost nothing in {dll}: {literals} literals, {strings} strings, {bytes} bytes");
        Assert.True(bytes + Reserve <= StringTableLimit,
            $"the device tests' strings come to about {bytes} bytes; MetadataProcessor refuses more than {StringTableLimit} "
            + "per assembly. Shorten test names and assertion arguments, or move tests into a second device test project.");
    }

    // The two device assemblies of the firmware, as the nanoFramework checks compile them (each its own assembly,
    // the host referencing the core): every type is their own.
    [Theory]
    [InlineData("Gateway.Core", "src/Firmware/NanoCheck", "Gateway.Core.NanoCheck.dll")]
    [InlineData("Gateway.Host", "src/Firmware/NanoCheck.Host", "Gateway.Host.dll")]
    public void Each_firmware_assembly_stays_under_the_metadata_processor_s_string_table_limit(string assembly, string project, string file)
    {
        string dll = Built(project, file);
        var (bytes, literals, strings) = Count(dll, _ => true);
        output.WriteLine($"{assembly}: {bytes} bytes of strings of {StringTableLimit}");
        Assert.True(literals > 100 && strings > 500, $"the count finds almost nothing in {dll}: {literals} literals, {strings} strings, {bytes} bytes");
        Assert.True(bytes + Reserve <= StringTableLimit,
            $"{assembly}'s strings come to about {bytes} bytes; MetadataProcessor refuses more than {StringTableLimit} per assembly. Move a folder to another device assembly.");
    }

    // Every name the assembly's own types define and use, and every literal, once each, as MetadataProcessor collects them.
    private static (long Bytes, int Literals, int Strings) Count(string dll, Func<TypeDefinition, bool> own)
    {
        using var module = ModuleDefinition.ReadModule(dll);
        var strings = new HashSet<string>(StringComparer.Ordinal) { "" };
        int literals = 0;
        foreach (TypeDefinition type in module.GetTypes())
        {
            if (!own(type)) continue;
            strings.Add(type.Name);
            strings.Add(type.Namespace);
            foreach (FieldDefinition field in type.Fields) { strings.Add(field.Name); Reference(field.FieldType, strings, own); }
            foreach (MethodDefinition method in type.Methods)
            {
                strings.Add(method.Name);
                Reference(method.ReturnType, strings, own);
                foreach (ParameterDefinition parameter in method.Parameters) Reference(parameter.ParameterType, strings, own);
                if (!method.HasBody) continue;
                foreach (VariableDefinition local in method.Body.Variables) Reference(local.VariableType, strings, own);
                foreach (Instruction instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case string literal: strings.Add(literal); literals++; break;
                        case MemberReference member: Reference(member, strings, own); break;
                    }
                }
            }
        }
        foreach (AssemblyNameReference assembly in module.AssemblyReferences) strings.Add(assembly.Name);
        return (strings.Sum(s => (long)System.Text.Encoding.UTF8.GetByteCount(s) + 1), literals, strings.Count);
    }

    // A member used from outside the assembly's own types, or a type: its name and its declaring type's, as a reference on the device.
    private static void Reference(MemberReference member, HashSet<string> strings, Func<TypeDefinition, bool> own)
    {
        switch (member)
        {
            case TypeSpecification spec: Reference(spec.ElementType, strings, own); return;
            case TypeReference type:
                if (type is TypeDefinition mine && own(mine)) return;
                strings.Add(type.Name);
                strings.Add(type.Namespace);
                if (type.DeclaringType != null) Reference(type.DeclaringType, strings, own);
                return;
            default:
                if (member.DeclaringType is TypeDefinition owner && own(owner)) return;
                strings.Add(member.Name);
                if (member.DeclaringType != null) Reference(member.DeclaringType, strings, own);
                return;
        }
    }

    // A compile check's output for this test run's configuration (the solution builds it; this project
    // references it for build order).
    private static string Built(string project, string file)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(Repo.Root, project.Replace('/', Path.DirectorySeparatorChar), "bin", configuration, "netstandard2.0", file);
        Assert.True(File.Exists(dll), $"{dll} is missing: build {project} first");
        return dll;
    }
}
