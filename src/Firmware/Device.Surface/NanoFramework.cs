// Surface of nanoFramework.Hardware.Esp32 1.6.x, nanoFramework.Runtime.Native 1.7.x and nanoFramework.Json 2.2.x (declarations only).
namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        COM1_TX = 0x100, COM1_RX, COM1_RTS, COM1_CTS,
        COM2_TX = 0x200, COM2_RX, COM2_RTS, COM2_CTS,
        COM3_TX = 0x300, COM3_RX, COM3_RTS, COM3_CTS,
    }

    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction function) { throw new System.NotImplementedException(); }
        public static int GetFunctionPin(DeviceFunction function) { throw new System.NotImplementedException(); }
    }
}

namespace nanoFramework.Runtime.Native
{
    public enum RebootOption { NormalReboot = 0, EnterNanoBooter = 1, ClrOnly = 2, EnterProprietaryBooter = 8 }

    public static class Power
    {
        public static void RebootDevice(RebootOption rebootOption) { throw new System.NotImplementedException(); }
    }

    public static class GC
    {
        /// <summary>Collects; returns the free managed heap in bytes.</summary>
        public static uint Run(bool compactHeap) { throw new System.NotImplementedException(); }
    }
}

namespace System
{
    // nanoFramework.Runtime.Native adds TickCount64 to System.Environment (mscorlib has no Environment).
    public static class Environment
    {
        public static long TickCount64 { get { throw new System.NotImplementedException(); } }
    }
}

namespace nanoFramework.Json
{
    public static class JsonConvert
    {
        public static object DeserializeObject(string value, System.Type type) { throw new System.NotImplementedException(); }
        public static object DeserializeObject(string value, System.Type type, JsonSerializerOptions options) { throw new System.NotImplementedException(); }
        public static string SerializeObject(object oSource) { throw new System.NotImplementedException(); }
    }

    public sealed class JsonSerializerOptions
    {
        public JsonSerializerOptions() { throw new System.NotImplementedException(); }
        public bool PropertyNameCaseInsensitive { get { throw new System.NotImplementedException(); } set { throw new System.NotImplementedException(); } }
        public bool ThrowExceptionWhenPropertyNotFound { get { throw new System.NotImplementedException(); } set { throw new System.NotImplementedException(); } }
    }
}
