// The one place that creates a string array without an initializer. On nanoFramework's runtime a new
// string[]'s elements are not null references (CLR_RT_HeapBlock_Array::ClearElements leaves them as string
// blocks without text: `a[i] == null` is false, `a[i] == "x"` reads address 0), so every element is set
// to null here, explicitly. The nanoFramework check (GW0008) rejects `new string[n]` anywhere else.
namespace Gateway.Core.Text
{
    /// <summary>String arrays that hold real null references on every runtime.</summary>
    public static class StringArrays
    {
        /// <summary>A new array of <paramref name="length"/> elements, each a null reference (not yet assigned).</summary>
        /// <exception cref="System.OverflowException">When <paramref name="length"/> is negative.</exception>
        public static string[] New(int length)
        {
            string[] array = new string[length];
            for (int i = 0; i < length; i++) array[i] = null!;   // the store is what makes it null on nanoCLR
            return array;
        }
    }
}
