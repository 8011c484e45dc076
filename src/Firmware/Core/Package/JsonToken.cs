// Tokens of the streaming JSON reader.
namespace Gateway.Core.Package
{
    internal enum JsonToken : byte
    {
        BeginObject,
        EndObject,
        BeginArray,
        EndArray,
        PropertyName,
        String,
        Number,
        True,
        False,
        Null,
        /// <summary>The document ended cleanly.</summary>
        End,
        /// <summary>The reader failed; see its error members. Every later call returns Error too.</summary>
        Error,
    }
}
