// Bytes waiting for a slow peer: what a pass could not send stays here and goes out as the peer's window
// opens, so no send ever waits. Bounded (a fixed ring, allocated once); a queue that makes no progress
// for Capacity.PeerStallMs is stalled and its peer is to be closed.
using Gateway.Core;
using Gateway.Core.Hardware;

namespace Gateway.Host.App
{
    /// <summary>A fixed-capacity byte ring drained with non-blocking sends.</summary>
    public sealed class PendingOutput
    {
        private const long NotWaiting = -1;

        private readonly byte[] _bytes;
        private int _start;                      // index of the oldest waiting byte
        private int _count;                      // bytes waiting
        private long _waitingSinceMs = NotWaiting;   // last progress while bytes wait; NotWaiting when empty

        /// <param name="capacity">Bytes the queue holds (allocated now).</param>
        public PendingOutput(int capacity) { _bytes = new byte[capacity]; }

        public int Count { get { return _count; } }
        public bool IsEmpty { get { return _count == 0; } }
        /// <summary>Bytes that can still be queued.</summary>
        public int Free { get { return _bytes.Length - _count; } }

        /// <summary>True once something did not fit: bytes were lost and the stream is no longer whole.</summary>
        public bool IsOverflowed { get; private set; }

        /// <summary>Queues all of the bytes, or none and marks the queue overflowed.</summary>
        public bool Append(byte[] source, int offset, int count)
        {
            if (count > _bytes.Length - _count)
            {
                IsOverflowed = true;
                return false;
            }
            int end = (_start + _count) % _bytes.Length;
            for (int i = 0; i < count; i++)
            {
                _bytes[end] = source[offset + i];
                end++;
                if (end == _bytes.Length) end = 0;
            }
            _count += count;
            return true;
        }

        /// <summary>Sends what the peer takes now, without waiting.</summary>
        /// <returns>False when the send failed (the connection is to be closed).</returns>
        public bool Flush(INetwork network, int handle, long nowMs)
        {
            while (_count > 0)
            {
                int run = _bytes.Length - _start < _count ? _bytes.Length - _start : _count;
                int sent = network.Send(handle, _bytes, _start, run);
                if (sent < 0) return false;
                if (sent == 0) break;
                _start = (_start + sent) % _bytes.Length;
                _count -= sent;
                _waitingSinceMs = nowMs;
            }
            if (_count == 0) { _start = 0; _waitingSinceMs = NotWaiting; }
            else if (_waitingSinceMs == NotWaiting) _waitingSinceMs = nowMs;
            return true;
        }

        /// <summary>True when bytes have waited with no progress for <see cref="Capacity.PeerStallMs"/>.</summary>
        public bool IsStalled(long nowMs) { return _count > 0 && _waitingSinceMs != NotWaiting && nowMs - _waitingSinceMs >= Capacity.PeerStallMs; }

        /// <summary>Empties the queue for a new peer.</summary>
        public void Clear()
        {
            _start = 0;
            _count = 0;
            _waitingSinceMs = NotWaiting;
            IsOverflowed = false;
        }
    }
}
