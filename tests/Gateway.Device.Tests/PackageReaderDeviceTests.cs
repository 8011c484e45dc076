// On the nanoCLR: the package vectors of tests/data, read and compiled by the same core the desktop tests use.
using System;
using Gateway.Core.Compiler;
using Gateway.Core.Package;
using Gateway.Core.Tables;
using nanoFramework.TestFramework;

namespace Gateway.Device.Tests
{
    [TestClass]
    public class PackageReaderDeviceTests
    {
        [TestMethod]
        public void Good_packages_load_and_compile()
        {
            for (int i = 0; i < TestVectors.GoodPackages.Length; i++)
            {
                byte[] bytes = Convert.FromBase64String(TestVectors.GoodPackages[i]);
                PackageResult r = TableLoader.Load(new ByteArraySource(bytes), new TableLimits(), 0, false, out Table? table, out RulePackage? package);
                Assert.IsTrue(r.IsOk, r.ToString());
                Assert.IsNotNull(table);
            }
        }

        [TestMethod]
        public void Bad_packages_are_refused_with_their_reason()
        {
            for (int i = 0; i < TestVectors.BadPackages.Length; i++)
            {
                byte[] bytes = Convert.FromBase64String(TestVectors.BadPackages[i]);
                PackageResult r = new PackageReader(new TableLimits()).Read(new ByteArraySource(bytes), out RulePackage? package);
                Assert.IsFalse(r.IsOk, TestVectors.BadTokens[i]);
                Assert.AreEqual(TestVectors.BadTokens[i], PackageErrors.Token(r.Error));
            }
        }
    }
}
