// One logical RouterOS command: the words of a line (after joining continuations), up to a newline or ';'.
using System.Collections;

namespace Gateway.Host.RouterOs
{
    /// <summary>The words of one command, in order.</summary>
    public sealed class RouterOsCommand
    {
        private readonly ArrayList _words = new ArrayList();

        public int WordCount { get { return _words.Count; } }
        public RouterOsWord WordAt(int index) { return (RouterOsWord)_words[index]!; }
        /// <summary>Position of the command's first word.</summary>
        public int Line { get; internal set; }
        public int Column { get; internal set; }

        internal void Add(RouterOsWord word) { _words.Add(word); }
        internal void Clear() { _words.Clear(); }
    }
}
