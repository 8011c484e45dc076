// What the gateway did with one SPA datagram, as the console counts it (/spa print): granted, or the first
// check it failed. The verifier's reasons, then the policy's.
namespace Gateway.Crypto.Spa
{
    public enum SpaOutcome
    {
        Accepted = 0,
        /// <summary>Not a datagram of fwknop's Rijndael mode (SpaCheck.Format).</summary>
        Format = 1,
        /// <summary>No stanza for the source authenticated it.</summary>
        Hmac = 2,
        /// <summary>Authenticated, but it did not decrypt under the stanza's key.</summary>
        Decrypt = 3,
        /// <summary>A message type the gateway does not grant, or fields that break fwknop's rules.</summary>
        Message = 4,
        /// <summary>Its time is further from the gateway's clock than the stanza's maximum age.</summary>
        Age = 5,
        /// <summary>Seen before inside its age window.</summary>
        Replay = 6,
        /// <summary>No stanza takes the source, or the request asks what the stanza does not allow.</summary>
        Policy = 7,
        /// <summary>The replay cache is full of live entries: refused rather than forget one.</summary>
        Busy = 8,
    }
}
