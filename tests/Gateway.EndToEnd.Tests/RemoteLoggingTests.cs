// Remote logging into a real syslog daemon (issue 29, item 2): Debian's rsyslog, started on a free loopback
// port with its own configuration, receives what the gateway's /system logging rules route to it (typed on
// the serial console): a knock's rule log in RouterOS's firewall line, as RFC 3164 and then RFC 5424, and a
// network-console login. An nmap SYN scan whose every packet a rule logs leaves the serial console answering,
// and what the ring could not keep is counted as dropped, never queued; 100,000 more logged SYNs leave the
// managed heap flat.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Cli.Commands;
using Xunit.Abstractions;

namespace Gateway.EndToEnd.Tests;

[Collection(EndToEndGroup.Name)]
public class RemoteLoggingTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Rule_logs_and_logins_reach_rsyslog_and_a_logged_scan_leaves_the_console_answering()
    {
        string rsyslogd = Tools.Require("rsyslogd", "rsyslog");
        string socat = Tools.Require("socat", "socat");
        string nmap = Tools.Require("nmap", "nmap");
        using var syslog = new Rsyslog(rsyslogd);
        using var emulator = new RunningEmulator();

        string typed = Type(socat, emulator,
            "/system logging action set [find name=remote] remote=127.0.0.1 remote-port=" + syslog.Port + " bsd-syslog=yes",
            "/system logging add topics=firewall action=remote",
            "/system logging add topics=system action=remote",
            "/ip firewall filter set 0 log=yes log-prefix=KNOCK");
        Assert.DoesNotContain("failure", typed);

        // RFC 3164: <30> (daemon.info), the time, HOSTNAME gateway, then the firewall line.
        Assert.Equal(0, KnockCommand.Run(emulator.Address, new[] { "9000", "6000" }, 50, null, TextWriter.Null));
        string knock = syslog.WaitFor(l => l.Contains("tag=[KNOCK]", StringComparison.Ordinal));
        Assert.Contains("pri=30 ver=0 host=gateway ", knock);
        Assert.Matches(@"tag=\[KNOCK\] msg=\[ input: in:ether1 out:\(unknown 0\), proto TCP \(SYN\), 127\.0\.0\.1:\d+->" + Regex(emulator.Address) + @":9000, len \d+\]", knock);
        // RFC 3164 has no field for RouterOS's topics: rsyslog takes the first word as the TAG, as it does with RouterOS's own lines.
        Assert.Contains("tag=[rules] msg=[ changed: table ", syslog.WaitFor(l => l.Contains("changed: table", StringComparison.Ordinal)));

        // A login on the network console is an account event (topics system,info,account).
        Assert.True(RunningEmulator.WaitUntil(() => emulator.IsListed("secure", "127.0.0.1")));
        Assert.Contains("[gateway]> ", emulator.AttemptLogin(emulator.Host.GeneratedPassword));
        Assert.Contains("tag=[user] msg=[ admin logged in from 127.0.0.1 via network-console]", syslog.WaitFor(l => l.Contains("logged in", StringComparison.Ordinal)));

        // RFC 5424: version 1, APP-NAME firewall, MSGID the topics.
        Type(socat, emulator, "/system logging action set remote bsd-syslog=no");
        int before = syslog.Lines().Count(l => l.Contains("ver=1 ", StringComparison.Ordinal));
        emulator.KnockFrom(IPAddress.Parse("127.0.0.5"), 9000);
        string rfc5424 = syslog.WaitFor(l => l.Contains("ver=1 ", StringComparison.Ordinal) && l.Contains("127.0.0.5", StringComparison.Ordinal));
        Assert.Matches(@"pri=30 ver=1 host=gateway app=firewall msgid=firewall,info .*msg=\[KNOCK input: in:ether1 out:\(unknown 0\), proto TCP \(SYN\), 127\.0\.0\.5:\d+->", rfc5424);
        Assert.Equal(0, before);

        // Every SYN of a scan is logged (the final drop rule): the loop sends a bounded number per pass.
        if (!emulator.SeesPackets)
        {
            Assert.False(Tools.InCi, "CI runs as root, yet the emulator fell back to listeners");
            SkipReport.If(true, nameof(Rule_logs_and_logins_reach_rsyslog_and_a_logged_scan_leaves_the_console_answering), "a logged SYN scan needs packet sight (run as root)");
        }
        Type(socat, emulator, "/ip firewall filter set 3 log=yes log-prefix=DROP");
        emulator.Host.Advance(61_000);   // the knock's grant ends: the scan from 127.0.0.1 meets the final drop
        Assert.True(RunningEmulator.WaitUntil(() => !emulator.IsListed("secure", "127.0.0.1")));
        using var scan = Process.Start(new ProcessStartInfo(nmap, ["-sS", "-Pn", "-n", "-T5", "--max-retries", "0", "-p", "1-30000", emulator.Address]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var scanOutput = scan.StandardOutput.ReadToEndAsync();   // read, so a full pipe never stalls nmap
        var scanErrors = scan.StandardError.ReadToEndAsync();
        string status = "";
        try
        {
            status = Type(socat, emulator, "status");   // answered while the scan runs (socat gives up after 30 s)
        }
        finally
        {
            if (!scan.WaitForExit(120_000)) scan.Kill(true);
        }
        output.WriteLine(scanOutput.Result + scanErrors.Result);
        Assert.Contains("syslog: sending; sent ", status);
        Assert.True(RunningEmulator.WaitUntil(() => syslog.Lines().Any(l => l.Contains("DROP input:", StringComparison.Ordinal))), "no DROP line arrived");
        var (sent, dropped) = emulator.Host.Read(h => (h.App.Syslog!.Sent, h.App.Syslog.Dropped));
        int drops = syslog.Lines().Count(l => l.Contains("DROP input:", StringComparison.Ordinal));
        output.WriteLine($"scan of 30,000 ports: gateway sent {sent} datagrams, dropped {dropped}; rsyslog has {drops} DROP lines");
        Assert.True(dropped > 0, "a 30,000-SYN scan should outrun a 32-line ring sent 8 per pass");
        Assert.All(syslog.Lines().Where(l => l.Contains("DROP input:", StringComparison.Ordinal)), l => Assert.Matches(@"^pri=30 ver=1 host=gateway app=firewall ", l));

        // 100,000 more logged SYNs, spoofed from 127.1.n.h as a flood tool sends them, in batches the tap takes:
        // the managed heap stays flat (the rings are fixed; nothing queues), and the console still answers.
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long droppedBefore = emulator.Host.Read(h => h.App.Syslog!.Dropped);
        using (var raw = RawTcp.Open())
        {
            var packet = new byte[40];
            var target = new IPEndPoint(emulator.Bind, 0);
            byte[] dst = emulator.Bind.GetAddressBytes(), from = [127, 1, 0, 0];
            for (int flood = 0; flood < 100_000;)
            {
                long taken = Taken(emulator);
                for (int i = 0; i < Batch; i++, flood++)
                {
                    from[2] = (byte)(flood / 250 % 250);
                    from[3] = (byte)(flood % 250 + 1);
                    RawTcp.Segment(packet, from, dst, 20_000 + flood % 40_000, 7_777, (uint)flood * 7919u, RawTcp.Syn);
                    raw.SendTo(packet, target);
                }
                Assert.True(RunningEmulator.WaitUntil(() => Taken(emulator) >= taken + Batch), "the tap stopped taking the flood");
            }
        }
        Assert.Contains("syslog: sending; sent ", Type(socat, emulator, "status"));
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        long droppedDuring = emulator.Host.Read(h => h.App.Syslog!.Dropped) - droppedBefore;
        output.WriteLine($"100,000 logged SYNs: {droppedDuring} counted as dropped; managed heap {heapBefore / 1024} KB before, {heapAfter / 1024} KB after");
        Assert.True(droppedDuring > 0, "a 100,000-SYN flood should outrun the log ring");
        Assert.True(heapAfter - heapBefore < 4 * 1024 * 1024, $"the managed heap grew by {(heapAfter - heapBefore) / 1024} KB under the logged flood");
    }

    private const int Batch = 256;

    // Packets the tap took or the kernel dropped from its queue: either way a batch has left the queue.
    private static long Taken(RunningEmulator emulator) => emulator.Host.Read(h => h.App.PacketSight.Packets + h.App.PacketSight.Lost);

    private static string Regex(string address) => address.Replace(".", "\\.", StringComparison.Ordinal);

    // Types lines on the serial console (the pty), as a person with picocom would; returns what it answered.
    private static string Type(string socat, RunningEmulator emulator, params string[] lines)
    {
        var (exit, text) = Tools.Run(socat, string.Join("\r", lines) + "\r", 30_000, "-t", "2", "-", emulator.Pty + ",raw,echo=0");
        Assert.True(exit == 0, text);
        return text;
    }

    /// <summary>rsyslogd in the foreground with only a UDP input on a free loopback port, writing each message's
    /// parsed fields to a file.</summary>
    private sealed class Rsyslog : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("gateway-rsyslog-").FullName;
        private Process _process = null!;
        private readonly string _out;

        public Rsyslog(string rsyslogd)
        {
            _out = Path.Combine(_dir, "received.log");
            // A port found free may be taken before rsyslogd binds it: then another, a few times.
            for (int attempt = 1; ; attempt++)
            {
                using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))) Port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
                _process = Start(rsyslogd);
                if (Ready()) return;
                Stop();
                Assert.True(attempt < 3, "rsyslogd did not start receiving on three free ports");
            }
        }

        private Process Start(string rsyslogd)
        {
            string conf = Path.Combine(_dir, "rsyslog.conf");
            File.WriteAllText(conf,
                "global(net.enableDNS=\"off\")\n" +
                "module(load=\"imudp\")\n" +
                $"input(type=\"imudp\" address=\"127.0.0.1\" port=\"{Port}\" ruleset=\"rx\")\n" +
                "template(name=\"fields\" type=\"string\" string=\"pri=%pri% ver=%protocol-version% host=%hostname% app=%app-name% msgid=%msgid% tag=[%syslogtag%] msg=[%msg%]\\n\")\n" +
                $"ruleset(name=\"rx\") {{ action(type=\"omfile\" file=\"{_out}\" template=\"fields\") }}\n");
            var process = Process.Start(new ProcessStartInfo(rsyslogd, ["-n", "-f", conf, "-iNONE"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.OutputDataReceived += (_, _) => { };   // drained, so its own messages never fill a pipe
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        // Ready when a probe it was sent comes out in its file (it may still be binding the port).
        private bool Ready()
        {
            using var client = new UdpClient();
            byte[] probeLine = Encoding.ASCII.GetBytes("<13>probe ready");
            return RunningEmulator.WaitUntil(() =>
            {
                client.Send(probeLine, probeLine.Length, new IPEndPoint(IPAddress.Loopback, Port));
                return Lines().Any(l => l.Contains("probe", StringComparison.Ordinal));
            });
        }

        private void Stop()
        {
            if (!_process.HasExited) _process.Kill(true);
            _process.WaitForExit(10_000);
            _process.Dispose();
        }

        public int Port { get; }

        public string[] Lines() => File.Exists(_out) ? File.ReadAllLines(_out) : [];

        public string WaitFor(Func<string, bool> line)
        {
            string? found = null;
            Assert.True(RunningEmulator.WaitUntil(() => (found = Lines().FirstOrDefault(line)) != null, 15_000), "rsyslog did not receive it; it has:\n" + string.Join("\n", Lines()));
            return found!;
        }

        public void Dispose()
        {
            Stop();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
