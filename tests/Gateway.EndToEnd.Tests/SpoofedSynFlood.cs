// A first-step SYN flood from the 20,000 spoofed sources of RawTcp.FirstStepSyn, sent in batches on a thread of its
// own, each batch held back until the previous one has left the target's queue (how that is seen differs: in process
// for the emulator, from the kernel's raw queue for the virtual board), so the flood runs at the rate the gateway
// takes and a legitimate host's knocks are never lost in an overflowing queue.
using System.Net;
using System.Net.Sockets;

namespace Gateway.EndToEnd.Tests;

internal abstract class SpoofedSynFlood : IDisposable
{
    private readonly IPAddress _target;
    private readonly int _batch;
    private readonly Socket _socket = RawTcp.Open();
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _sent;

    protected SpoofedSynFlood(IPAddress target, int batch, string name)
    {
        _target = target;
        _batch = batch;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Starts sending; a subclass calls it once its own fields are set.</summary>
    protected void Start() => _thread.Start();

    public long Sent => Interlocked.Read(ref _sent);

    protected bool Stopping => _stop;

    /// <summary>Called before each batch is sent (to note where the target's count stands).</summary>
    protected virtual void BatchStarting() { }

    /// <summary>Returns once the batch just sent has left the target's queue (or <see cref="Stopping"/>).</summary>
    protected abstract void AwaitBatchGone();

    private void Run()
    {
        var packet = new byte[40];
        var target = new IPEndPoint(_target, 0);
        byte[] dst = _target.GetAddressBytes();
        var from = new byte[4];
        int source = 0;
        while (!_stop)
        {
            BatchStarting();
            for (int i = 0; i < _batch; i++, source = (source + 1) % RawTcp.FloodSources)
            {
                RawTcp.FirstStepSyn(packet, from, dst, source);
                _socket.SendTo(packet, target);
            }
            Interlocked.Add(ref _sent, _batch);
            AwaitBatchGone();
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(5_000);
        _socket.Dispose();
    }
}
