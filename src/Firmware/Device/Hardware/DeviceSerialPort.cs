// ISerialPort on the board: COM2 (UART1) on the pins the board profile names. COM1 belongs to the
// debugger, and COM2 has no pins until SetPinFunction assigns them.
using System.IO.Ports;
using Gateway.Core.Hardware;
using nanoFramework.Hardware.Esp32;

namespace Gateway.Device.Hardware
{
    public sealed class DeviceSerialPort : ISerialPort
    {
        /// <summary>Receive ring size; must exceed the UART's 128-byte FIFO.</summary>
        public const int ReadBufferBytes = 512;

        private readonly SerialPort _port;

        public DeviceSerialPort(int rxPin, int txPin, int baud)
        {
            Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
            _port = new SerialPort("COM2", baud);
            _port.ReadBufferSize = ReadBufferBytes;
            _port.WriteTimeout = 1000;
            _port.Open();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try { _port.Write(buffer, offset, count); }
            catch (System.TimeoutException) { }   // nobody listening on the line: drop, as a UART would
        }
    }
}
