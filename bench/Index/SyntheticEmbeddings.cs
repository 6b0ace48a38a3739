using System.Numerics.Tensors;

namespace VoiceHelper.Bench.Index;

/// <summary>
/// Generates unit vectors shaped like sentence embeddings, for measuring an index's recall without an embedding
/// model. Independent random vectors are the wrong test data: in 384 dimensions they are all nearly orthogonal, so,
/// unlike in real embeddings, a query's nearest neighbours are barely nearer than the rest.
/// </summary>
/// <remarks>
/// Each vector starts as a point in a 128-dimensional latent space: one of 2,000 cluster centres drawn from a
/// standard normal distribution, plus standard normal spread. A fixed random 128 x D matrix projects it to D
/// dimensions, normal noise with standard deviation 0.3 is added to every dimension, and the result is normalized.
/// Among 100,000 such vectors of 384 dimensions, a query's mean cosine similarity is 0.60 to its nearest neighbour,
/// 0.53 to its tenth and 0.00 to all of them (mean over 200 queries). Every call with the same dimensions shares the centres and the projection, so
/// queries from one seed find neighbours among documents from another.
/// </remarks>
internal static class SyntheticEmbeddings
{
    private const int LatentDimensions = 128;
    private const int ClusterCount = 2000;
    private const float NoiseDeviation = 0.3f;
    private const int ModelSeed = 7;

    /// <summary>Returns <paramref name="count"/> unit vectors of <paramref name="dimensions"/> scalars each.</summary>
    public static float[][] Generate(int count, int dimensions, int seed)
    {
        var (centres, projection) = CreateModel(dimensions);
        var random = new Random(seed);
        var latent = new float[LatentDimensions];
        var vectors = new float[count][];
        for (var index = 0; index < count; index++)
        {
            var centre = centres[random.Next(ClusterCount)];
            for (var component = 0; component < LatentDimensions; component++)
            {
                latent[component] = centre[component] + NextGaussian(random);
            }

            vectors[index] = Project(latent, projection, dimensions, random);
        }

        return vectors;
    }

    private static (float[][] Centres, float[][] Projection) CreateModel(int dimensions)
    {
        var random = new Random(ModelSeed);
        var centres = new float[ClusterCount][];
        for (var cluster = 0; cluster < ClusterCount; cluster++)
        {
            centres[cluster] = GaussianVector(random, LatentDimensions, 1);
        }

        // Scaled so that a projected latent vector has about unit variance per dimension.
        var projection = new float[LatentDimensions][];
        for (var component = 0; component < LatentDimensions; component++)
        {
            projection[component] = GaussianVector(random, dimensions, 1 / MathF.Sqrt(LatentDimensions));
        }

        return (centres, projection);
    }

    private static float[] Project(float[] latent, float[][] projection, int dimensions, Random random)
    {
        var vector = GaussianVector(random, dimensions, NoiseDeviation);
        for (var component = 0; component < LatentDimensions; component++)
        {
            TensorPrimitives.MultiplyAdd(projection[component], latent[component], vector, vector);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    private static float[] GaussianVector(Random random, int length, float deviation)
    {
        var vector = new float[length];
        for (var index = 0; index < length; index++)
        {
            vector[index] = deviation * NextGaussian(random);
        }

        return vector;
    }

    // The Box-Muller transform of two uniform samples.
    private static float NextGaussian(Random random)
    {
        var uniform = 1 - random.NextDouble();
        var angle = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(uniform)) * Math.Cos(2 * Math.PI * angle));
    }
}
