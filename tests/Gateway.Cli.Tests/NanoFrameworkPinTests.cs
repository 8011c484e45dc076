// The compatibility pin (src/Firmware/Device/nanoframework.json) against what uses it: both packages.config
// files list only pinned versions and every dependency of every package; both .nfproj reference the same
// versions; the pin agrees with itself (dependency versions are pinned versions, natives are the firmware's).
using System.Text.RegularExpressions;
using Gateway.Cli.Flashing;

namespace Gateway.Cli.Tests;

public partial class NanoFrameworkPinTests
{
    private static NanoFrameworkPin Pin()
    {
        using var stream = File.OpenRead(Repo.Path("src", "Firmware", "Device", "nanoframework.json"));
        return NanoFrameworkPin.Parse(stream);
    }

    [Theory]
    [InlineData("src/Firmware/Device/packages.config")]
    [InlineData("tests/Gateway.Device.Tests/packages.config")]
    [InlineData("src/Firmware/Core/packages.config")]
    [InlineData("src/Firmware/Host/packages.config")]
    public void Packages_config_names_pinned_versions_with_all_their_dependencies(string path)
    {
        Assert.Empty(Pin().Check(Repo.Path(path.Split('/'))));
    }

    [Theory]
    [InlineData("src/Firmware/Device/Gateway.Device.nfproj", "src/Firmware/Device/packages.config")]
    [InlineData("tests/Gateway.Device.Tests/Gateway.Device.Tests.nfproj", "tests/Gateway.Device.Tests/packages.config")]
    [InlineData("src/Firmware/Core/Gateway.Core.nfproj", "src/Firmware/Core/packages.config")]
    [InlineData("src/Firmware/Host/Gateway.Host.nfproj", "src/Firmware/Host/packages.config")]
    public void Nfproj_hint_paths_reference_the_packages_config_versions(string project, string packages)
    {
        var listed = System.Xml.Linq.XDocument.Load(Repo.Path(packages.Split('/'))).Root!.Elements("package")
            .Select(e => (string)e.Attribute("id")! + "." + (string)e.Attribute("version")!).ToHashSet();
        var referenced = HintPath().Matches(File.ReadAllText(Repo.Path(project.Split('/')))).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(listed, referenced);
        Assert.All(listed.Where(p => !p.StartsWith("nanoFramework.TestFramework", StringComparison.Ordinal)), p => Assert.Contains(p, referenced));
    }

    [Fact]
    public void The_pin_agrees_with_itself()
    {
        var pin = Pin();
        var versions = pin.Packages.ToDictionary(p => p.Id, p => p.Version);
        foreach (var package in pin.Packages)
            foreach (var (dep, version) in package.Dependencies)
                Assert.True(versions.TryGetValue(dep, out var pinned) && pinned == version, $"{package.Id} depends on {dep} {version}; the pin has {(pinned ?? "none")}");
        Assert.Equal("100.2.0.12", pin.NativeVersions["System.Net"]);   // 100.2.0.14 firmware (2026-07-10 on) refuses System.Net 1.11.54
        Assert.Equal(pin.Packages.Single(p => p.Id == "nanoFramework.System.Net").Native, pin.NativeVersions["System.Net"]);
        Assert.Equal(pin.Packages.Single(p => p.Id == "nanoFramework.CoreLibrary").Native, pin.NativeVersions["mscorlib"]);
        Assert.DoesNotContain(pin.Packages, p => p.Id == "nanoFramework.System.IO.Ports" && p.Version == "1.1.129");   // never released
        Assert.All(pin.Targets.Values, v => Assert.True(v == null || v.StartsWith(pin.FirmwareLine + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_missing_dependency_and_a_wrong_version_are_named()
    {
        string file = Path.Combine(Path.GetTempPath(), "packages-" + Guid.NewGuid().ToString("N") + ".config");
        File.WriteAllText(file, """
            <packages>
              <package id="nanoFramework.CoreLibrary" version="1.17.11" />
              <package id="nanoFramework.System.IO.Ports" version="1.1.129" />
              <package id="nanoFramework.Json" version="2.2.203" />
            </packages>
            """);
        try
        {
            var problems = Pin().Check(file);
            Assert.Contains("nanoFramework.System.IO.Ports is 1.1.129; the pin says 1.1.139", problems);
            Assert.Contains("nanoFramework.Json needs nanoFramework.System.Collections 1.5.67, which is missing", problems);
            Assert.Contains("nanoFramework.System.IO.Ports needs nanoFramework.Runtime.Events 1.11.37, which is missing", problems);
        }
        finally { File.Delete(file); }
    }

    [GeneratedRegex(@"packages\\([^\\]+)\\lib\\")]
    private static partial Regex HintPath();
}
