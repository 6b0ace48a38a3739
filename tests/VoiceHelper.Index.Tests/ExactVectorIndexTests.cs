using VoiceHelper.Knowledge.Index;

namespace VoiceHelper.Index.Tests;

[Trait("Category", "Unit")]
public sealed class ExactVectorIndexTests : VectorIndexContractTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Constructor_NonPositiveDimensions_Throws(int dimensions)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExactVectorIndex(dimensions));
    }

    [Fact]
    public void MaxCount_384Dimensions_FitsOneArray()
    {
        using var index = new ExactVectorIndex(384);

        Assert.Equal(Array.MaxLength / 384, index.MaxCount);
    }

    [Fact]
    public void Upsert_BeyondInitialArray_KeepsEveryVector()
    {
        using var index = new ExactVectorIndex(16);
        var vectors = TestVectors.Random(3000, 16, seed: 1);

        index.Upsert(TestVectors.Keyed(vectors));
        index.Remove(Enumerable.Range(0, 1500).Select(key => (ulong)key).ToArray());

        Assert.Equal(1500, index.Count);
        Assert.Equal(2999UL, index.Search(vectors[2999], 1)[0].Key);
        Assert.Equal(1500UL, index.Search(vectors[1500], 1)[0].Key);
    }

    protected override IVectorIndex CreateIndex(int dimensions) => new ExactVectorIndex(dimensions);
}
