using System.Runtime.InteropServices;

namespace VoiceHelper.Knowledge.Index.Internal;

/// <summary>
/// Checks a saved index file against the options it is loaded with, because <c>usearch_load</c> accepts a file of
/// any dimensions or scalar kind and the index would then read vectors of the wrong length.
/// </summary>
internal static unsafe class UsearchIndexFile
{
    /// <exception cref="InvalidDataException">The file's header is unreadable or does not match.</exception>
    public static void ThrowIfIncompatible(string path, UsearchIndexOptions options)
    {
        var stored = ReadHeader(path);
        var problems = new List<string>();
        if (stored.MetricKind != UsearchNative.MetricCosine)
        {
            problems.Add($"its metric is {stored.MetricKind}, not cosine ({UsearchNative.MetricCosine})");
        }

        if (stored.Dimensions != (nuint)options.Dimensions)
        {
            problems.Add($"it holds {stored.Dimensions}-dimensional vectors, but Dimensions is {options.Dimensions}");
        }

        if (stored.Quantization != options.ScalarKind.ToNative())
        {
            problems.Add(
                $"its scalar kind is {stored.Quantization}, but ScalarKind {options.ScalarKind} is " +
                $"{options.ScalarKind.ToNative()}");
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(
                $"The vector index file '{path}' does not match the options: {string.Join("; ", problems)}. " +
                "Load it with matching options or rebuild it.");
        }
    }

    private static UsearchInitOptions ReadHeader(string path)
    {
        var stored = default(UsearchInitOptions);
        UsearchNative.Metadata(path, &stored, out var error);
        if (error != 0)
        {
            throw new InvalidDataException(
                $"The file '{path}' is not a readable USearch index: {Marshal.PtrToStringUTF8(error)}");
        }

        return stored;
    }
}
