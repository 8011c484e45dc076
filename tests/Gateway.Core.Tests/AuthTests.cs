// The console password's cryptography against published vectors (FIPS 180-4 examples for SHA-256,
// RFC 4231 for HMAC-SHA-256, RFC 7914 section 11 for PBKDF2-HMAC-SHA-256), the stored hash (salted,
// iterated, CRC-checked: a damaged file is "no password", failing closed) and the per-address lockout.
using System.Text;
using Gateway.Core.Auth;
using Gateway.Core.Hardware;
using Gateway.Core.Model;
using Gateway.Core.Tests.Support;

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
        guard.Succeeded(attacker);
        Assert.Equal(0, guard.WaitMs(attacker, now));
    }

    [Fact]
    public void The_guard_has_fixed_slots_and_forgets_the_stalest_address()
    {
        var guard = new LoginGuard();
        for (uint a = 1; a <= Capacity.LoginGuardSlots + 1; a++) guard.Failed(Peer(a), a);
        Assert.Equal(0, guard.WaitMs(Peer(1), 2));   // made room for the last one
        Assert.True(guard.WaitMs(Peer(Capacity.LoginGuardSlots + 1), Capacity.LoginGuardSlots + 1) > 0);
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
        for (int n = 0; n < Capacity.LoginMaxFailures; n++) guard.Failed(Peer(1), 0);
        for (uint a = 2; a <= Capacity.LoginGuardSlots + 5; a++) guard.Failed(Peer(a), 10 + a);
        Assert.Equal(Capacity.LoginLockoutMs - 100, guard.WaitMs(Peer(1), 100));
    }
}
