// What the running gateway adds to a console's `status` (its sight and packet counters): the console
// lives in Host/Console and knows the rules, not the loop that owns the sockets.
using Gateway.Core.Text;

namespace Gateway.Host.Console
{
    /// <summary>Status lines of the gateway loop.</summary>
    public interface IGatewayStatus
    {
        /// <summary>Appends lines ending in '\n' for the console's <c>status</c>.</summary>
        void AppendStatus(TextBuffer b);

        /// <summary>Appends JSON members (each starting with a comma) for the machine console's <c>!status</c>.</summary>
        void AppendMachineStatus(TextBuffer b);
    }
}
