// Why a RouterOS property could not be applied; the package reader and the RouterOS parser map these
// to their own error reports (package error codes, FILE:LINE:COL diagnostics).
namespace Gateway.Core.Model
{
    /// <summary>Outcome of setting one <c>name=value</c> property.</summary>
    public enum PropertyError : byte
    {
        None = 0,
        /// <summary>The name is not a property of this menu.</summary>
        UnknownProperty,
        /// <summary>The value is not one of the property's forms.</summary>
        BadValue,
        /// <summary>A real RouterOS property the gateway does not implement yet.</summary>
        NotSupported,
    }
}
