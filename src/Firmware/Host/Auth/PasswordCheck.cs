// One password check, run a few PBKDF2 iterations per loop pass (Capacity.PasswordIterationsPerPass): a full
// check is thousands of SHA-256 blocks, about a second or more of interpreted IL on a board, and the loop that
// serves the serial console must never wait that long for a remote peer.
namespace Gateway.Host.Auth
{
    /// <summary>A password being checked against the stored hash.</summary>
    public sealed class PasswordCheck
    {
        private readonly ConsolePassword _store;
        private readonly Pbkdf2 _kdf = new Pbkdf2();
        private readonly byte[] _candidate = new byte[ConsolePassword.HashBytes];
        private readonly bool _possible;

        internal PasswordCheck(ConsolePassword store, string password)
        {
            _store = store;
            _possible = store.IsSet && password.Length <= ConsolePassword.MaxLength;
            if (_possible) _kdf.Begin(Gateway.Core.Text.Utf8.Encode(password), store.Salt, ConsolePassword.Iterations);
            else IsDone = true;
        }

        /// <summary>True once the answer is known.</summary>
        public bool IsDone { get; private set; }

        /// <summary>True when done and the password is the stored one.</summary>
        public bool Matches { get; private set; }

        /// <summary>Runs at most <paramref name="iterations"/> more iterations; true when done.</summary>
        public bool Step(int iterations)
        {
            if (IsDone) return true;
            if (!_kdf.Step(iterations)) return false;
            _kdf.Result(_candidate);
            Matches = _possible && _store.Matches(_candidate);
            IsDone = true;
            return true;
        }
    }
}
