// Receives a model object's properties in canonical order, as RouterOS name=value text pairs.
namespace Gateway.Core.Model
{
    /// <summary>A consumer of <c>name=value</c> pairs (package writer, console export).</summary>
    public interface IPropertyWriter
    {
        void Put(string name, string value);
    }
}
