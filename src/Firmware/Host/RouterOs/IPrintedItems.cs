// The items of a menu as print numbers them, as [find ...] and `where` see them: a firewall menu (with its
// dynamic address-list entries) or a /system logging menu.
namespace Gateway.Host.RouterOs
{
    /// <summary>Numbered items whose properties a condition can ask about.</summary>
    public interface IPrintedItems
    {
        int Count { get; }

        /// <summary>The property names a condition may name.</summary>
        string[] PropertyNames { get; }

        /// <summary>Fills every property a condition may ask about of item <paramref name="item"/>.</summary>
        void Fill(int item, ItemProperties into);
    }
}
