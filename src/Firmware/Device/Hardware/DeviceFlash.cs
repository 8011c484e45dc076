// IFlash on the board: small files on the littlefs drive I:\ (256 KB on 4 MB boards, shared with the
// network configuration). Writes replace a file whole; a power cut may leave a prefix, which
// Core/Storage/RuleStore is built to survive.
using System.IO;
using Gateway.Core.Hardware;

namespace Gateway.Device.Hardware
{
    public sealed class DeviceFlash : IFlash
    {
        /// <summary>The internal littlefs drive of ESP32 targets.</summary>
        public const string Root = "I:\\";

        public int Length(string name)
        {
            string path = Root + name;
            if (!File.Exists(path)) return -1;
            FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read);
            try { return (int)f.Length; }
            finally { f.Close(); }
        }

        public int Read(string name, int offset, byte[] buffer, int bufferOffset, int count)
        {
            string path = Root + name;
            if (!File.Exists(path)) return 0;
            FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read);
            try
            {
                f.Seek(offset, SeekOrigin.Begin);
                return f.Read(buffer, bufferOffset, count);
            }
            finally { f.Close(); }
        }

        public void Write(string name, byte[] bytes, int count)
        {
            FileStream f = new FileStream(Root + name, FileMode.Create, FileAccess.Write);
            try
            {
                f.Write(bytes, 0, count);
                f.Flush();
            }
            finally { f.Close(); }
        }
    }
}
