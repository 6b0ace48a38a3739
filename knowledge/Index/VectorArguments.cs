using System.Numerics.Tensors;

namespace VoiceHelper.Knowledge.Index;

/// <summary>
/// The input checks that every <see cref="IVectorIndex"/> runs before it touches its data, so that the
/// implementations accept and reject the same calls.
/// </summary>
internal static class VectorArguments
{
    /// <summary>
    /// The key that no entry may use, because USearch 2.26.6 stores a vector under it but never returns it.
    /// </summary>
    public const ulong ReservedKey = ulong.MaxValue;

    /// <exception cref="ArgumentException">An entry uses <see cref="ReservedKey"/> or has an invalid vector.</exception>
    public static void ThrowIfInvalid(IReadOnlyList<(ulong Key, float[] Vector)> entries, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(entries);

        for (var position = 0; position < entries.Count; position++)
        {
            var (key, vector) = entries[position];
            if (key == ReservedKey)
            {
                throw new ArgumentException(
                    $"Entry {position} has the key {key} (ulong.MaxValue), which the vector index reserves. " +
                    "Use another key.",
                    nameof(entries));
            }

            if (vector is null)
            {
                throw new ArgumentException($"Entry {position} (key {key}) has a null vector.", nameof(entries));
            }

            ThrowIfInvalid(vector, dimensions, $"The vector of key {key} (entry {position})", nameof(entries));
        }
    }

    /// <exception cref="ArgumentException">The query's length is wrong, or it is zero or not finite.</exception>
    public static void ThrowIfInvalidQuery(ReadOnlySpan<float> query, int dimensions) =>
        ThrowIfInvalid(query, dimensions, "The query", nameof(query));

    private static void ThrowIfInvalid(ReadOnlySpan<float> vector, int dimensions, string subject, string parameter)
    {
        if (vector.Length != dimensions)
        {
            throw new ArgumentException(
                $"{subject} has {vector.Length} dimensions, but the index expects {dimensions}.", parameter);
        }

        var sumOfSquares = TensorPrimitives.SumOfSquares(vector);
        if (!float.IsFinite(sumOfSquares))
        {
            throw new ArgumentException(
                $"{subject} contains NaN or infinity, or values so large that its length overflows a float.",
                parameter);
        }

        if (sumOfSquares == 0)
        {
            throw new ArgumentException(
                $"{subject} is all zeros, so its cosine similarity to other vectors is undefined.", parameter);
        }
    }
}
