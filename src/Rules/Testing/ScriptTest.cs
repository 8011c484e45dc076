// A test() block of a rules script: its name, its function and where it was declared.
using Jint.Native;

namespace Gateway.Rules.Testing;

/// <summary>One inline test of a script.</summary>
public sealed record ScriptTest(string Name, JsValue Function, int Line, int Column);
