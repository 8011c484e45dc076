// The words of the console's machine mode, in one place for both ends: the gateway's console
// (ConsoleSession.Machine) and the PC's `gateway` verbs (Cli/Serial/SerialLink). A request is one line starting
// with '!'; the reply is one line starting with "ok" or "error"; a download adds "data OFFSET HEX" lines and a
// list dump "entry ..." lines, each ended by "end". An upload is "!upload begin SIZE CRC32", then
// "!upload data OFFSET HEX CRC32" per chunk, then "!upload commit" (or "!upload abort").
namespace Gateway.Host.Console
{
    /// <summary>Requests and reply words of the serial machine protocol.</summary>
    public static class MachineProtocol
    {
        /// <summary>What every machine request starts with (a person's command never does).</summary>
        public const char Marker = '!';

        /// <summary>One line of JSON: table id, commit, counts, uptime, the loop's own figures.</summary>
        public const string Status = "!status";
        /// <summary>The stored package: "ok SIZE CRC32", data lines, "end".</summary>
        public const string Download = "!download";
        /// <summary>The live address-list entries: "ok N", entry lines, "end".</summary>
        public const string Lists = "!lists";
        /// <summary>An upload step; followed by one of the four words below.</summary>
        public const string Upload = "!upload";
        public const string UploadBegin = "begin";
        public const string UploadData = "data";
        public const string UploadCommit = "commit";
        public const string UploadAbort = "abort";

        /// <summary>The reply of a request that worked, with its answer after one space.</summary>
        public const string Ok = "ok";
        /// <summary>The reply of a request refused, with the reason after one space.</summary>
        public const string Error = "error";
        /// <summary>A line of a downloaded package: "data OFFSET HEX".</summary>
        public const string DataLine = "data";
        /// <summary>A line of a list dump: "entry FAMILY LIST ADDRESS LIFE"; LIFE is the milliseconds left,
        /// <see cref="StaticLife"/>, or RouterOS's none-dynamic (Gateway.Core.Model.PropertyValues.NoneDynamic).</summary>
        public const string EntryLine = "entry";
        /// <summary>The LIFE of a static entry in a list dump.</summary>
        public const string StaticLife = "static";
        /// <summary>The last line of a download or a list dump.</summary>
        public const string End = "end";
    }
}
