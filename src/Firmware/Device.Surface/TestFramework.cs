// Surface of nanoFramework.TestFramework 3.0.77 (the pinned version, src/Firmware/Device/nanoframework.json), for
// compile-checking the device test project (declarations only; kinds as in source/TestFramework at v3.0.77).
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
        public static void AreEqual(int expected, int actual, string message = "") { throw new System.NotImplementedException(); }
        public static void AreEqual(long expected, long actual, string message = "") { throw new System.NotImplementedException(); }
        public static void AreEqual(string expected, string actual, string message = "") { throw new System.NotImplementedException(); }
        public static void AreNotEqual(string expected, string actual, string message = "") { throw new System.NotImplementedException(); }
        public static void IsTrue(bool condition, string message = "") { throw new System.NotImplementedException(); }
        public static void IsFalse(bool condition, string message = "") { throw new System.NotImplementedException(); }
        public static void IsNull(object? value, string message = "") { throw new System.NotImplementedException(); }
        public static void IsNotNull(object? value, string message = "") { throw new System.NotImplementedException(); }
        public static void SkipTest(string message = null!) { throw new System.NotImplementedException(); }
    }

    public static class OutputHelper
    {
        public static void WriteLine(string message) { throw new System.NotImplementedException(); }
    }
}
