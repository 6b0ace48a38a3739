using System.Numerics.Tensors;

namespace VoiceHelper.Index.Tests;

/// <summary>Small hand-made and random vectors for the index tests.</summary>
internal static class TestVectors
{
    /// <summary>The unit vector along <paramref name="axis"/>, multiplied by <paramref name="scale"/>.</summary>
    public static float[] Axis(int axis, int dimensions, float scale = 1)
    {
        var vector = new float[dimensions];
        vector[axis] = scale;
        return vector;
    }

    /// <summary>
    /// Normalized vectors of independent components drawn uniformly from [-0.5, 0.5). The same seed gives the same
    /// vectors.
    /// </summary>
    public static float[][] Random(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (var index = 0; index < count; index++)
        {
            var vector = new float[dimensions];
            for (var component = 0; component < dimensions; component++)
            {
                vector[component] = (float)(random.NextDouble() - 0.5);
            }

            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            vectors[index] = vector;
        }

        return vectors;
    }

    /// <summary>Pairs each vector with its position plus <paramref name="firstKey"/> as the key.</summary>
    public static (ulong Key, float[] Vector)[] Keyed(float[][] vectors, ulong firstKey = 0) =>
        vectors.Select((vector, position) => (firstKey + (ulong)position, vector)).ToArray();
}
