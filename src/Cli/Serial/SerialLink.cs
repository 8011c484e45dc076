// The PC end of the console's machine mode over a serial line (System.IO.Ports), in the protocol's words
// (Host/Console/MachineProtocol, which the gateway's console uses too). Works the same on a board's
// /dev/ttyUSB0 and on the emulator's pty.
using System.IO.Ports;
using System.Text;
using System.Text.Json;
using Gateway.Core.Storage;
using Gateway.Host.Console;

namespace Gateway.Cli.Serial;

/// <summary>A machine-mode session with a gateway console.</summary>
internal sealed class SerialLink : IDisposable
{
    public const int BaudRate = 115200;
    private const int ReplyTimeoutMs = 10_000;
    private const int ChunkBytes = Gateway.Core.Capacity.ConsoleChunkBytes;

    private readonly SerialPort _port;
    private readonly string _portName;

    /// <exception cref="IOException">No such device, no permission, or no gateway answering on it (the
    /// message says which, in words for the user).</exception>
    public SerialLink(string portName)
    {
        _portName = portName;
        if (!OperatingSystem.IsWindows() && !File.Exists(portName))
            throw new IOException($"no serial device {portName} (a board is /dev/ttyUSB0 or /dev/ttyACM0; the emulator prints its pty as serial: /dev/pts/N)");
        _port = new SerialPort(portName, BaudRate) { NewLine = "\n", ReadTimeout = ReplyTimeoutMs, WriteTimeout = ReplyTimeoutMs, Encoding = Encoding.ASCII };
        try { _port.Open(); }
        catch (UnauthorizedAccessException) { throw new IOException($"permission denied on {portName} (on Linux, join the dialout group: sudo usermod -aG dialout $USER, then log in again)"); }
        _port.DiscardInBuffer();
        // End whatever a person may have left half-typed, and drop the console's answer to it.
        _port.Write("\u0003");
        Thread.Sleep(50);
        _port.DiscardInBuffer();
    }

    /// <summary>Sends a machine request and returns its reply line after "ok ".</summary>
    /// <exception cref="GatewayReplyException">The gateway answered "error ...".</exception>
    public string Request(string line)
    {
        _port.Write(line + "\n");
        return ReadReply();
    }

    public string ReadLine()
    {
        string line;
        try { line = _port.ReadLine().TrimEnd('\r'); }
        catch (TimeoutException) { throw new TimeoutException($"no gateway answered on {_portName} within {ReplyTimeoutMs / 1000} s: is the emulator or the board running, and is this its console port?"); }
        int prompt = line.LastIndexOf("> ", StringComparison.Ordinal);
        return line.StartsWith("[gateway]", StringComparison.Ordinal) && prompt >= 0 ? line[(prompt + 2)..] : line;
    }

    private string ReadReply()
    {
        while (true)
        {
            string line = ReadLine();
            if (line == MachineProtocol.Ok) return "";
            if (line.StartsWith(MachineProtocol.Ok + " ", StringComparison.Ordinal)) return line[(MachineProtocol.Ok.Length + 1)..];
            if (line.StartsWith(MachineProtocol.Error, StringComparison.Ordinal))
                throw new GatewayReplyException(line.Length > MachineProtocol.Error.Length + 1 ? line[(MachineProtocol.Error.Length + 1)..] : MachineProtocol.Error);
        }
    }

    /// <summary>The gateway's machine status: one JSON object (table id, commit, counts, the loop's figures).</summary>
    public JsonDocument Status() => JsonDocument.Parse(Request(MachineProtocol.Status));

    /// <summary>Uploads and commits a package; returns the table id the gateway now runs.</summary>
    public string Upload(byte[] package, Action<int>? progress = null)
    {
        Request($"{MachineProtocol.Upload} {MachineProtocol.UploadBegin} {package.Length} {Crc32.Of(package, 0, package.Length):x8}");
        for (int at = 0; at < package.Length; at += ChunkBytes)
        {
            int n = Math.Min(ChunkBytes, package.Length - at);
            Request($"{MachineProtocol.Upload} {MachineProtocol.UploadData} {at} {Convert.ToHexString(package, at, n)} {Crc32.Of(package, at, n):x8}");
            progress?.Invoke(at + n);
        }
        return Request($"{MachineProtocol.Upload} {MachineProtocol.UploadCommit}");
    }

    /// <summary>The stored package's bytes, checked against the CRC the gateway announces.</summary>
    public byte[] Download()
    {
        string[] head = Request(MachineProtocol.Download).Split(' ');
        int size = int.Parse(head[0], System.Globalization.CultureInfo.InvariantCulture);
        var bytes = new List<byte>(size);
        while (true)
        {
            string line = ReadLine();
            if (line == MachineProtocol.End) break;
            if (!line.StartsWith(MachineProtocol.DataLine + " ", StringComparison.Ordinal)) continue;
            bytes.AddRange(Convert.FromHexString(line.Split(' ')[2]));
        }
        byte[] result = bytes.ToArray();
        if (result.Length != size || $"{Crc32.Of(result, 0, result.Length):x8}" != head[1])
            throw new GatewayReplyException("download damaged on the line (size or CRC mismatch); try again");
        return result;
    }

    /// <summary>The live address-list entries as "family list address life" lines.</summary>
    public List<string> Lists()
    {
        Request(MachineProtocol.Lists);
        var lines = new List<string>();
        while (true)
        {
            string line = ReadLine();
            if (line == MachineProtocol.End) return lines;
            if (line.StartsWith(MachineProtocol.EntryLine + " ", StringComparison.Ordinal)) lines.Add(line[(MachineProtocol.EntryLine.Length + 1)..]);
        }
    }

    public SerialPort Port => _port;

    public void Dispose() => _port.Dispose();
}

/// <summary>The gateway said "error ...".</summary>
internal sealed class GatewayReplyException(string message) : Exception(message);
