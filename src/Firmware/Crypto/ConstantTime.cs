// Comparison whose time does not depend on where the inputs differ: an authentication tag compared byte by
// byte with an early exit tells a timing attacker how much of a forged tag was right.
namespace Gateway.Crypto
{
    public static class ConstantTime
    {
        /// <summary>True when the <paramref name="count"/> bytes at both offsets are equal; reads them all either way.</summary>
        public static bool Equal(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++) difference |= a[aOffset + i] ^ b[bOffset + i];
            return difference == 0;
        }
    }
}
