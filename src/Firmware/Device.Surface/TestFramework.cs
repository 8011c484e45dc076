// Surface of nanoFramework.TestFramework 3.0.77 (the pinned version, src/Firmware/Device/nanoframework.json), for
// compile-checking the device test project (declarations only; kinds as in source/TestFramework at v3.0.77).
// The message parameters keep their [CallerArgumentExpression]: the compiler then passes each assertion's
// argument as a string, as it does against the real package, so the compiled tests carry the same strings
// (nanoFramework caps an assembly's string table at 64 KB; DeviceStringTableTests counts it in this build).
using System.Runtime.CompilerServices;

namespace nanoFramework.TestFramework
{
    [System.AttributeUsage(System.AttributeTargets.Class)]
    public class TestClassAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class TestMethodAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class SetupAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method)]
    public class CleanupAttribute : System.Attribute { }

    [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : System.Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { throw new System.NotImplementedException(); }
    }

    public sealed partial class Assert
    {
        public static void AreEqual(int expected, int actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new System.NotImplementedException(); }
        public static void AreEqual(long expected, long actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new System.NotImplementedException(); }
        public static void AreEqual(string expected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new System.NotImplementedException(); }
        public static void AreNotEqual(string notExpected, string actual, [CallerArgumentExpression(nameof(actual))] string message = "") { throw new System.NotImplementedException(); }
        public static void IsTrue(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { throw new System.NotImplementedException(); }
        public static void IsFalse(bool condition, [CallerArgumentExpression(nameof(condition))] string message = "") { throw new System.NotImplementedException(); }
        public static void IsNull(object? value, [CallerArgumentExpression(nameof(value))] string message = "") { throw new System.NotImplementedException(); }
        public static void IsNotNull(object? value, [CallerArgumentExpression(nameof(value))] string message = "") { throw new System.NotImplementedException(); }
        public static void SkipTest(string message = null!) { throw new System.NotImplementedException(); }
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message) { throw new System.NotImplementedException(); }
    }
}
