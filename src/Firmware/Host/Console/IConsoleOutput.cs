// Where the console writes: the serial port on a board, a pty or stdout in the emulator, a buffer in tests.
namespace Gateway.Host.Console
{
    /// <summary>The console's output side.</summary>
    public interface IConsoleOutput
    {
        void Write(string text);
    }
}
