// Where the package writer puts its characters: a buffer to keep, or a hasher that keeps none.
namespace Gateway.Core.Text
{
    /// <summary>A consumer of text, one character or string at a time.</summary>
    public interface ITextSink
    {
        void Append(char c);
        void Append(string s);
    }
}
