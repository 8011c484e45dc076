// `--serial stdio`: the console on the emulator's own standard input and output.
using Gateway.Core.Hardware;

namespace Gateway.Emulator.Hardware;

/// <summary>ISerialPort over stdin/stdout; a reader thread feeds a queue so reads never block.</summary>
public sealed class StdioSerialPort : ISerialPort
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte> _input = new();
    private readonly Stream _stdout = Console.OpenStandardOutput();

    public StdioSerialPort()
    {
        var stdin = Console.OpenStandardInput();
        var thread = new Thread(() =>
        {
            var buffer = new byte[256];
            int n;
            while ((n = stdin.Read(buffer, 0, buffer.Length)) > 0)
                for (int i = 0; i < n; i++) _input.Enqueue(buffer[i]);
        }) { IsBackground = true, Name = "stdin" };
        thread.Start();
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        while (n < count && _input.TryDequeue(out byte b)) buffer[offset + n++] = b;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _stdout.Write(buffer, offset, count);
        _stdout.Flush();
    }
}
