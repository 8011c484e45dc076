// On the nanoCLR: the console password's SHA-256 (Crypto) and PBKDF2 (Host/Auth) give the published digests with the
// board's runtime (uint rotations and wrap-around in interpreted IL).
using Gateway.Crypto;
using Gateway.Host.Auth;
using Gateway.Testing;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class AuthDeviceTests
    {
        private static string Hex(byte[] b)
        {
            string s = "";
            for (int i = 0; i < b.Length; i++) s += b[i].ToString("x2");
            return s;
        }

        [TestMethod]
        public void Sha256_of_abc_is_the_fips_digest()
        {
            Sha256 sha = new Sha256();
            sha.Update(new byte[] { 0x61, 0x62, 0x63 }, 0, 3);
            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(digest));
        }

        [TestMethod]
        public void Pbkdf2_with_one_iteration_is_the_rfc_7914_vector()
        {
            byte[] output = new byte[32];
            new Pbkdf2().Derive(new byte[] { 0x70, 0x61, 0x73, 0x73, 0x77, 0x64 }, new byte[] { 0x73, 0x61, 0x6c, 0x74 }, 1, output);
            Assert.AreEqual("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc", Hex(output));
        }

        [TestMethod]
        public void A_password_checked_in_slices_matches_only_itself()
        {
            ConsolePassword store = new ConsolePassword(new MemoryFlash());
            Assert.AreEqual("", store.Set("correct-horse", new byte[ConsolePassword.SaltBytes]));
            PasswordCheck right = store.Check("correct-horse");
            int slices = 0;
            while (!right.Step(Gateway.Core.Capacity.PasswordIterationsPerPass)) slices++;
            Assert.IsTrue(right.Matches);
            Assert.AreEqual(ConsolePassword.Iterations / Gateway.Core.Capacity.PasswordIterationsPerPass - 1, slices);
            Assert.IsFalse(store.Verify("correct-hors"));
        }
    }
}
