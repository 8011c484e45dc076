// Surface of nanoFramework.Hardware.Esp32 1.6.40, nanoFramework.Runtime.Native 1.7.11 and nanoFramework.Json 2.2.203
// (the pinned versions, src/Firmware/Device/nanoframework.json): declarations only, with the real kinds, values
// and optional parameters (Hardware.Esp32@v1.6.40 DeviceTypePins.cs/Configuration.cs, Runtime.Native@v1.7.11 Power.cs/GC.cs).
namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Serial functions: DeviceTypes.SERIAL (3 * 0x10000) + port number * 0x100 + TX 0, RX 1, RTS 2, CTS 3.</summary>
    public enum DeviceFunction
    {
        COM1_TX = 0x30100, COM1_RX = 0x30101, COM1_RTS = 0x30102, COM1_CTS = 0x30103,
        COM2_TX = 0x30200, COM2_RX = 0x30201, COM2_RTS = 0x30202, COM2_CTS = 0x30203,
        COM3_TX = 0x30300, COM3_RX = 0x30301, COM3_RTS = 0x30302, COM3_CTS = 0x30303,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { throw new System.NotImplementedException(); }
        public static int GetFunctionPin(DeviceFunction function) { throw new System.NotImplementedException(); }
    }
}

namespace nanoFramework.Runtime.Native
{
    public enum RebootOption { NormalReboot = 0, EnterNanoBooter = 1, ClrOnly = 2, EnterProprietaryBooter = 8 }

    public delegate void RebootEventHandler();

    public class Power
    {
        public static event RebootEventHandler OnRebootEvent { add { throw new System.NotImplementedException(); } remove { throw new System.NotImplementedException(); } }
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) { throw new System.NotImplementedException(); }
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) { throw new System.NotImplementedException(); }
    }

    public static class GC
    {
        /// <summary>Collects; returns the free managed heap in bytes.</summary>
        public static uint Run(bool compactHeap) { throw new System.NotImplementedException(); }
        public static void EnableGCMessages(bool enable) { throw new System.NotImplementedException(); }
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
