// nanoFramework's MetadataProcessor refuses an assembly whose string table passes 65,535 bytes ("String table
// overflow ... Can't use so many strings"): every name the assembly defines or references and every literal,
// once each, UTF-8 and zero-terminated. The device tests come nearest: their names are sentences, and each
// assertion also carries its argument as text (the TestFramework's [CallerArgumentExpression]). MetadataProcessor
// built from its sources counted 49,066 bytes for the device tests of commit 6feefd4; the count below gives
// 49,026 for the same sources. CI has no MetadataProcessor, so this counts those strings in the build that
// compile-checks the device tests (tests/Gateway.Device.Tests/Check: the tests and the core in one assembly, so
// only the tests' own types count, and what they use of the core counts as references, as on the device).
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Gateway.Core.Tests;

public class DeviceStringTableTests
{
    private const int StringTableLimit = 65_535;
    // Room for the strings the count leaves out (custom attribute arguments, names only in signatures of
    // members the tests do not call) and for MetadataProcessor's own.
    private const int Reserve = 3_000;
    private const string TestNamespace = "Gateway.Device.Tests";

    [Fact]
    public void The_device_tests_stay_under_the_metadata_processor_s_string_table_limit()
    {
        string dll = CheckAssembly();
        using var module = ModuleDefinition.ReadModule(dll);
        var strings = new HashSet<string>(StringComparer.Ordinal) { "" };
        int literals = 0;
        foreach (TypeDefinition type in module.GetTypes())
        {
            if (!IsTest(type)) continue;
            strings.Add(type.Name);
            strings.Add(type.Namespace);
            foreach (FieldDefinition field in type.Fields) { strings.Add(field.Name); Reference(field.FieldType, strings); }
            foreach (MethodDefinition method in type.Methods)
            {
                strings.Add(method.Name);
                Reference(method.ReturnType, strings);
                foreach (ParameterDefinition parameter in method.Parameters) Reference(parameter.ParameterType, strings);
                if (!method.HasBody) continue;
                foreach (VariableDefinition local in method.Body.Variables) Reference(local.VariableType, strings);
                foreach (Instruction instruction in method.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case string literal: strings.Add(literal); literals++; break;
                        case MemberReference member: Reference(member, strings); break;
                    }
                }
            }
        }
        foreach (AssemblyNameReference assembly in module.AssemblyReferences) strings.Add(assembly.Name);
        long bytes = strings.Sum(s => (long)System.Text.Encoding.UTF8.GetByteCount(s) + 1);

        Assert.True(literals > 1_000 && strings.Count > 1_000, $"the count finds almost nothing in {dll}: {literals} literals, {strings.Count} strings, {bytes} bytes");
        Assert.True(bytes + Reserve <= StringTableLimit,
            $"the device tests' strings come to about {bytes} bytes; MetadataProcessor refuses more than {StringTableLimit} "
            + "per assembly. Shorten test names and assertion arguments, or move tests into a second device test project.");
    }

    // A member used from outside the tests, or a type: its name and its declaring type's, as a reference on the device.
    private static void Reference(MemberReference member, HashSet<string> strings)
    {
        switch (member)
        {
            case TypeSpecification spec: Reference(spec.ElementType, strings); return;
            case TypeReference type:
                if (type is TypeDefinition own && IsTest(own)) return;
                strings.Add(type.Name);
                strings.Add(type.Namespace);
                if (type.DeclaringType != null) Reference(type.DeclaringType, strings);
                return;
            default:
                if (member.DeclaringType is TypeDefinition owner && IsTest(owner)) return;
                strings.Add(member.Name);
                if (member.DeclaringType != null) Reference(member.DeclaringType, strings);
                return;
        }
    }

    private static bool IsTest(TypeDefinition type)
    {
        while (type.DeclaringType != null) type = type.DeclaringType;
        return type.Namespace == TestNamespace;
    }

    // The compile check's output for this test run's configuration (the solution builds it; this project
    // references it for build order).
    private static string CheckAssembly()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(Repo.Root, "tests", "Gateway.Device.Tests", "Check", "bin", configuration, "netstandard2.0", "NFUnitTest.Check.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build tests/Gateway.Device.Tests/Check first");
        return dll;
    }
}
