// SPA datagrams made the way fwknop's client makes them (lib/fko_encode.c, fko_encryption.c, fko_funcs.c), with
// .NET's cryptography, for the desktop tests and the fuzz target: the SHA-256 digest of the fields appended, AES-256-CBC
// with PKCS#7 padding under OpenSSL's EVP_BytesToKey(MD5, key, salt), "Salted__" and the salt in front, base64
// without '=', the first 10 characters ("U2FsdGVkX1") stripped, the HMAC-SHA-256 of the text appended.
#pragma warning disable CA5351 // MD5: fwknop's key derivation, reproduced to make datagrams as its client does
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Testing;

internal static class FwknopClient
{
    /// <summary>The wire text of a datagram carrying <paramref name="fields"/> (everything before the digest);
    /// <paramref name="digest"/> replaces the digest the client would compute.</summary>
    public static string Datagram(string fields, byte[] key, byte[] hmacKey, byte[] salt, string? digest = null) =>
        Datagram(Encoding.ASCII.GetBytes(fields + ":" + (digest ?? Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(fields))).TrimEnd('='))), key, hmacKey, salt);

    /// <summary>The wire text of a datagram whose plaintext is exactly <paramref name="plaintext"/>.</summary>
    public static string Datagram(byte[] plaintext, byte[] key, byte[] hmacKey, byte[] salt)
    {
        byte[] d1 = MD5.HashData([.. key, .. salt]), d2 = MD5.HashData([.. d1, .. key, .. salt]), d3 = MD5.HashData([.. d2, .. key, .. salt]);
        using var aes = Aes.Create();
        aes.Key = [.. d1, .. d2];
        byte[] cipher = aes.EncryptCbc(plaintext, d3, PaddingMode.PKCS7);
        string text = Convert.ToBase64String([.. "Salted__"u8.ToArray(), .. salt, .. cipher]).TrimEnd('=');
        string tag = Convert.ToBase64String(HMACSHA256.HashData(hmacKey, Encoding.ASCII.GetBytes(text))).TrimEnd('=');
        return text[10..] + tag;
    }
}
