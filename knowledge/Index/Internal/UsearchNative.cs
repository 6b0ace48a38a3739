using System.Runtime.InteropServices;

namespace VoiceHelper.Knowledge.Index.Internal;

/// <summary>
/// P/Invoke declarations of the USearch C API in <c>libusearch_c</c>, the native library that the
/// Cloud.Unum.USearch 2.26.6 package ships under <c>runtimes/</c>. The package's managed wrapper keeps its native
/// handle private and has no reserve, thread-count, expansion or metadata calls, so the index calls the library
/// directly. Each function reports failure through <c>error</c>, a static C string that the caller must not free.
/// </summary>
internal static unsafe partial class UsearchNative
{
    /// <summary><c>usearch_metric_cos_k</c>: the distance is 1 minus the cosine similarity.</summary>
    public const int MetricCosine = 1;

    // Values of usearch_scalar_kind_t in USearch 2.26.6. A test compares them with the wrapper's ScalarKind enum.
    public const int ScalarFloat32 = 1;
    public const int ScalarFloat16 = 3;
    public const int ScalarInt8 = 4;
    public const int ScalarBFloat16 = 6;

    private const string LibraryName = "libusearch_c";

    [LibraryImport(LibraryName, EntryPoint = "usearch_init")]
    public static partial UsearchIndexHandle Init(UsearchInitOptions* options, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_size")]
    public static partial nuint Size(UsearchIndexHandle index, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_capacity")]
    public static partial nuint Capacity(UsearchIndexHandle index, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_dimensions")]
    public static partial nuint Dimensions(UsearchIndexHandle index, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(UsearchIndexHandle index, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_expansion_search")]
    public static partial nuint ExpansionSearch(UsearchIndexHandle index, out nint error);

    /// <summary>
    /// Grows the index to <paramref name="capacity"/> vectors in total. It also resets the thread slots of adds and
    /// searches to the hardware concurrency, so callers set them again afterwards.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(UsearchIndexHandle index, nuint capacity, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(UsearchIndexHandle index, nuint threads, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(UsearchIndexHandle index, nuint threads, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(UsearchIndexHandle index, nuint expansion, out nint error);

    /// <summary>Adds a vector of <see cref="Dimensions"/> scalars of <paramref name="vectorKind"/>. It reads that
    /// many scalars whatever the caller's buffer holds, and fails when the key is present.</summary>
    [LibraryImport(LibraryName, EntryPoint = "usearch_add")]
    public static partial void Add(
        UsearchIndexHandle index, ulong key, float* vector, int vectorKind, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(UsearchIndexHandle index, ulong key, out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_contains")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool Contains(UsearchIndexHandle index, ulong key, out nint error);

    /// <summary>Writes up to <paramref name="count"/> keys and distances, nearest first, and returns how many.</summary>
    [LibraryImport(LibraryName, EntryPoint = "usearch_search")]
    public static partial nuint Search(
        UsearchIndexHandle index,
        float* query,
        int queryKind,
        nuint count,
        ulong* keys,
        float* distances,
        out nint error);

    [LibraryImport(LibraryName, EntryPoint = "usearch_save", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Save(UsearchIndexHandle index, string path, out nint error);

    /// <summary>Replaces the index's contents with a saved file. It does not check the file's dimensions or scalar
    /// kind against the index, and it resets the thread slots and the search expansion.</summary>
    [LibraryImport(LibraryName, EntryPoint = "usearch_load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Load(UsearchIndexHandle index, string path, out nint error);

    /// <summary>Reads the metric, scalar kind and dimensions of a saved file into <paramref name="options"/>.</summary>
    [LibraryImport(LibraryName, EntryPoint = "usearch_metadata", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Metadata(string path, UsearchInitOptions* options, out nint error);

    /// <summary>Throws when a call set <paramref name="error"/>, with the library's message.</summary>
    /// <exception cref="InvalidOperationException">The native call failed.</exception>
    public static void ThrowIfFailed(nint error, string operation)
    {
        if (error == 0)
        {
            return;
        }

        var message = Marshal.PtrToStringUTF8(error);
        throw new InvalidOperationException($"USearch failed to {operation}: {message}");
    }
}
