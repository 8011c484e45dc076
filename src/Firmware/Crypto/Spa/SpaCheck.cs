// What checking one SPA datagram found: the first check it failed, or Ok. The names are the reasons
// `gateway spa check` prints and the console's counters count.
namespace Gateway.Crypto.Spa
{
    public enum SpaCheck
    {
        /// <summary>Authenticated, decrypted, and a well-formed access request.</summary>
        Ok = 0,
        /// <summary>Not an SPA datagram fwknop's Rijndael mode writes: length, characters, the stripped prefix put back.</summary>
        Format = 1,
        /// <summary>The HMAC tag does not match under the key (forged, damaged, or another key).</summary>
        Hmac = 2,
        /// <summary>Authentic but does not decrypt to fwknop's plaintext (the encryption key differs from the HMAC key's stanza).</summary>
        Decrypt = 3,
        /// <summary>A message type the gateway does not grant: commands, NAT access (only access and access with timeout).</summary>
        Type = 4,
        /// <summary>The plaintext breaks fwknop's field rules (random, user, time, version, access list, timeout, digest).</summary>
        Message = 5,
    }
}
