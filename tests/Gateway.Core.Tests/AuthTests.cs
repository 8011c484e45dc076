// The console password's cryptography against published vectors (FIPS 180-4 examples for SHA-256,
// RFC 4231 for HMAC-SHA-256, RFC 7914 section 11 for PBKDF2-HMAC-SHA-256), the stored hash (salted,
// iterated, CRC-checked: a damaged file is "no password", failing closed) and the per-address lockout.
using System.Text;
using Gateway.Crypto;
using Gateway.Host.Auth;

namespace Gateway.Core.Tests;

public class AuthTests
{
    private static string Sha(string text)
    {
        var sha = new Sha256();
        byte[] b = Encoding.ASCII.GetBytes(text);
        sha.Update(b, 0, b.Length);
        var digest = new byte[32];
        sha.Final(digest, 0);
        return Convert.ToHexString(digest).ToLowerInvariant();
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_the_fips_examples(string text, string digest) => Assert.Equal(digest, Sha(text));

    [Fact]
    public void Sha256_of_a_million_a_matches_fips()
    {
        var sha = new Sha256();
        var a = Enumerable.Repeat((byte)'a', 1000).ToArray();
        for (int i = 0; i < 1000; i++) sha.Update(a, 0, a.Length);
        var digest = new byte[32];
        sha.Final(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexString(digest).ToLowerInvariant());
    }

    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void Hmac_matches_rfc_4231(string key, string message, string mac)
    {
        byte[] m = Convert.FromHexString(message);
        var output = new byte[32];
        new Pbkdf2().Hmac(Convert.FromHexString(key), m, m.Length, output);
        Assert.Equal(mac, Convert.ToHexString(output).ToLowerInvariant());
    }

    [Theory]
    [InlineData("passwd", "salt", 1, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")]
    [InlineData("Password", "NaCl", 80000, "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")]
    public void Pbkdf2_matches_rfc_7914(string password, string salt, int iterations, string derived)
    {
        var output = new byte[64];
        new Pbkdf2().Derive(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), iterations, output);
        Assert.Equal(derived, Convert.ToHexString(output).ToLowerInvariant());
    }

    [Fact]
    public void A_password_is_stored_as_a_salted_hash_and_checked()
    {
        var flash = new MemoryFlash();
        var store = new ConsolePassword(flash);
        Assert.False(store.IsSet);
        Assert.False(store.Verify(""));
        Assert.Equal("password must be 8-64 characters", store.Set("short", new byte[16]));
        Assert.Equal("password must be printable ASCII without spaces", store.Set("has a space", new byte[16]));
        Assert.Equal("", store.Set("correct-horse", Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()));
        Assert.True(store.Verify("correct-horse"));
        Assert.False(store.Verify("correct-hors"));
        Assert.False(store.Verify("Correct-horse"));
        var reopened = new ConsolePassword(flash);   // after a reboot
        Assert.True(reopened.Verify("correct-horse"));
        var file = new byte[flash.Length(ConsolePassword.FileName)];
        flash.Read(ConsolePassword.FileName, 0, file, 0, file.Length);
        Assert.DoesNotContain("correct-horse", Encoding.ASCII.GetString(file));
        // The same password with another salt is another hash.
        var other = new MemoryFlash();
        new ConsolePassword(other).Set("correct-horse", new byte[16]);
        var otherFile = new byte[file.Length];
        other.Read(ConsolePassword.FileName, 0, otherFile, 0, otherFile.Length);
        Assert.NotEqual(file[24..56], otherFile[24..56]);
    }

    [Fact]
    public void A_damaged_password_file_means_no_password()
    {
        var flash = new MemoryFlash();
        new ConsolePassword(flash).Set("correct-horse", new byte[16]);
        var file = new byte[flash.Length(ConsolePassword.FileName)];
        flash.Read(ConsolePassword.FileName, 0, file, 0, file.Length);
        for (int at = 0; at < file.Length; at++)
        {
            var bad = (byte[])file.Clone();
            bad[at] ^= 0x10;
            flash.Write(ConsolePassword.FileName, bad, bad.Length);
            Assert.False(new ConsolePassword(flash).IsSet, $"a flipped bit at byte {at} went unnoticed");
        }
        flash.Write(ConsolePassword.FileName, file, file.Length - 1);
        Assert.False(new ConsolePassword(flash).IsSet);
    }

    private static Endpoint Peer(uint address)
    {
        var e = new Endpoint { Family = Family.Ipv4 };
        e.Address[0] = address;
        return e;
    }

    [Fact]
    public void Failed_logins_slow_an_address_then_lock_it_out()
    {
        var guard = new LoginGuard();
        var attacker = Peer(1);
        long now = 0;
        Assert.Equal(0, guard.WaitMs(attacker, now));
        for (int n = 1; n < Capacity.LoginMaxFailures; n++)
        {
            guard.Failed(attacker, now);
            Assert.Equal(Capacity.LoginRetryDelayMs * n, guard.WaitMs(attacker, now));   // each failure waits longer
            now += Capacity.LoginRetryDelayMs * n;
            Assert.Equal(0, guard.WaitMs(attacker, now));
        }
        guard.Failed(attacker, now);
        Assert.Equal(Capacity.LoginLockoutMs, guard.WaitMs(attacker, now));
        Assert.Equal(0, guard.WaitMs(Peer(2), now));   // others are not affected
        now += Capacity.LoginLockoutMs;
        Assert.Equal(0, guard.WaitMs(attacker, now));
        guard.Failed(attacker, now);
        Assert.Equal(Capacity.LoginRetryDelayMs, guard.WaitMs(attacker, now));   // a served lockout starts again at one failure
        guard.Succeeded(attacker, now);
        Assert.Equal(0, guard.WaitMs(attacker, now));
    }

    // One address in each /24 network: 10.0.n.1.
    private static Endpoint Network(uint n) => Peer(0x0A000001u | (n << 8));

    [Fact]
    public void A_failing_address_is_never_evicted_by_new_ones()
    {
        var guard = new LoginGuard();
        guard.Failed(Network(0), 0);
        // More networks than slots fail once each, inside the lockout time: the first keeps its count.
        for (uint n = 1; n <= Capacity.LoginGuardSlots + 4; n++) guard.Failed(Network(n), n);
        Assert.Equal(Capacity.LoginRetryDelayMs - 100, guard.WaitMs(Network(0), 100));
        Assert.Equal(Capacity.LoginGuardSlots, guard.SourcesTracked(100));
        // Forgotten once its last failure is a lockout time old.
        Assert.Equal(0, guard.WaitMs(Network(0), Capacity.LoginLockoutMs));
    }

    [Fact]
    public void Rotating_over_seventeen_addresses_of_one_network_is_locked_out_and_other_networks_log_in()
    {
        var guard = new LoginGuard();
        long now = 0;
        int tried = 0, refused = 0;
        var attacker = Peer(0xC6336400u);   // 198.51.100.0/24
        // Each address guesses as soon as it may, the rotation going round 17 addresses for ten minutes.
        for (int round = 0; now < 600_000; round++, now += 500)
        {
            attacker.Address[0] = 0xC6336401u + (uint)(round % 17);
            if (guard.WaitMs(attacker, now) > 0) { refused++; continue; }
            tried++;
            guard.Failed(attacker, now);
        }
        // Locked after the network's tenth failure; again after each lockout served: ten guesses per five minutes.
        Assert.True(tried <= 2 * Capacity.LoginNetworkMaxFailures + Capacity.LoginNetworkMaxFailures, $"{tried} guesses in ten minutes");
        Assert.True(refused > 1000);
        // The real user, from another network, may try at any time of the attack.
        Assert.Equal(0, guard.WaitMs(Peer(0xCB007107u), now));   // 203.0.113.7
    }

    [Fact]
    public void Failures_from_everywhere_spend_a_global_budget()
    {
        var guard = new LoginGuard();
        for (uint n = 0; n < Capacity.LoginGlobalBurst; n++)
        {
            Assert.Equal(0, guard.WaitMs(Network(n), 0));
            guard.Failed(Network(n), 0);
        }
        var fresh = Network(200);
        Assert.Equal(Capacity.LoginGlobalRefillMs, guard.WaitMs(fresh, 0));
        Assert.True(guard.LastWaitWasGlobal);
        Assert.Equal(1, guard.WaitMs(fresh, Capacity.LoginGlobalRefillMs - 1));
        Assert.Equal(0, guard.WaitMs(fresh, Capacity.LoginGlobalRefillMs));   // one failure more per refill
        guard.Failed(fresh, Capacity.LoginGlobalRefillMs);
        Assert.True(guard.WaitMs(Network(201), Capacity.LoginGlobalRefillMs) > 0);
        Assert.Equal(0, guard.WaitMs(Network(201), Capacity.LoginGlobalBurst * Capacity.LoginGlobalRefillMs * 2));
    }

    [Fact]
    public void An_ipv6_network_is_a_64()
    {
        var guard = new LoginGuard();
        var a = new Endpoint { Family = Family.Ipv6 };
        a.Address[0] = 0x20010DB8u;
        for (uint i = 0; i < Capacity.LoginNetworkMaxFailures; i++)
        {
            a.Address[3] = i + 1;
            guard.Failed(a, 0);
        }
        a.Address[3] = 0xFFFF;
        Assert.Equal(Capacity.LoginLockoutMs, guard.WaitMs(a, 0));
        a.Address[1] = 1;   // the next /64
        Assert.Equal(0, guard.WaitMs(a, 0));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2000, 20)]
    [InlineData(2000, 7)]
    public void Pbkdf2_in_steps_gives_the_same_block(int iterations, int perStep)
    {
        byte[] password = Encoding.ASCII.GetBytes("Password"), salt = Encoding.ASCII.GetBytes("NaCl");
        var whole = new byte[32];
        new Pbkdf2().Derive(password, salt, iterations, whole);
        var kdf = new Pbkdf2();
        kdf.Begin(password, salt, iterations);
        int steps = 1;
        while (!kdf.Step(perStep)) steps++;
        var stepped = new byte[32];
        kdf.Result(stepped);
        Assert.Equal(whole, stepped);
        Assert.Equal(Math.Max(1, (iterations - 1 + perStep - 1) / perStep), steps);
    }

    [Fact]
    public void Guesses_from_many_addresses_do_not_lift_a_lockout()
    {
        var guard = new LoginGuard();
        for (int n = 0; n < Capacity.LoginMaxFailures; n++) guard.Failed(Network(0), 0);
        for (uint a = 1; a <= Capacity.LoginGuardSlots + 5; a++) guard.Failed(Network(a), 10 + a);
        Assert.Equal(Capacity.LoginLockoutMs - 100, guard.WaitMs(Network(0), 100));
    }
}
