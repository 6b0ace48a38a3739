namespace VoiceHelper.Inference.Tests.Embeddings;

internal static class Vectors
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static double Cosine(float[] left, float[] right)
    {
        Assert.Equal(left.Length, right.Length);
        double dot = 0, leftSquares = 0, rightSquares = 0;
        for (var i = 0; i < left.Length; i++)
        {
            dot += left[i] * (double)right[i];
            leftSquares += left[i] * (double)left[i];
            rightSquares += right[i] * (double)right[i];
        }

        return dot / Math.Sqrt(leftSquares * rightSquares);
    }

    public static double Norm(float[] vector) => Math.Sqrt(vector.Sum(value => value * (double)value));
}
