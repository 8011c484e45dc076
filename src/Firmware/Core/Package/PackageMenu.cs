// The menus a family's object of a rule package holds, RouterOS's /ip firewall menus by name. Each value is
// also its bit in the reader's "menus seen" mask, so a menu given twice is refused.
namespace Gateway.Core.Package
{
    /// <summary>A menu of a rule package (<see cref="PackageFormat.Filter"/>, <see cref="PackageFormat.AddressList"/>,
    /// <see cref="PackageFormat.Nat"/>, <see cref="PackageFormat.Raw"/>).</summary>
    internal enum PackageMenu
    {
        Filter = 0,
        AddressList = 1,
        Nat = 2,
        Raw = 3,
    }
}
