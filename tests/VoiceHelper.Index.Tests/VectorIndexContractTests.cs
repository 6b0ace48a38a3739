using VoiceHelper.Knowledge.Index;

namespace VoiceHelper.Index.Tests;

/// <summary>
/// The behaviour that every <see cref="IVectorIndex"/> shares. Each implementation runs these tests through a
/// subclass that creates it.
/// </summary>
public abstract class VectorIndexContractTests
{
    private const int Dimensions = 8;

    // USearch stores half-precision floats by default, so its similarities are exact to about three digits.
    private const float Tolerance = 2e-3f;

    private static readonly TimeSpan ConcurrencyTimeout = TimeSpan.FromSeconds(60);

    protected abstract IVectorIndex CreateIndex(int dimensions);

    [Fact]
    public void Upsert_NewKeys_CountsThem()
    {
        using var index = CreateIndex(Dimensions);

        index.Upsert([(1, TestVectors.Axis(0, Dimensions)), (2, TestVectors.Axis(1, Dimensions))]);

        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Search_StoredVector_ReturnsItsKeyFirst()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert(TestVectors.Keyed(TestVectors.Random(50, Dimensions, seed: 1), firstKey: 100));
        var query = TestVectors.Random(50, Dimensions, seed: 1)[7];

        var matches = index.Search(query, 5);

        Assert.Equal(107UL, matches[0].Key);
        Assert.Equal(1f, matches[0].Similarity, Tolerance);
    }

    [Fact]
    public void Search_AxisVectors_ReturnsCosineSimilarities()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert(
        [
            (1, TestVectors.Axis(0, Dimensions)),
            (2, TestVectors.Axis(1, Dimensions)),
            (3, TestVectors.Axis(0, Dimensions, scale: -1)),
        ]);

        var matches = index.Search(TestVectors.Axis(0, Dimensions), 3);

        Assert.Equal([1UL, 2UL, 3UL], matches.Select(match => match.Key));
        Assert.Equal(1f, matches[0].Similarity, Tolerance);
        Assert.Equal(0f, matches[1].Similarity, Tolerance);
        Assert.Equal(-1f, matches[2].Similarity, Tolerance);
    }

    [Fact]
    public void Search_ScaledVectors_IgnoresLength()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(2, Dimensions, scale: 0.25f))]);

        var matches = index.Search(TestVectors.Axis(2, Dimensions, scale: 40), 1);

        Assert.Equal(1f, matches[0].Similarity, Tolerance);
    }

    [Fact]
    public void Upsert_ExistingKey_ReplacesVector()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions)), (2, TestVectors.Axis(1, Dimensions))]);

        index.Upsert([(1, TestVectors.Axis(3, Dimensions))]);

        var matches = index.Search(TestVectors.Axis(3, Dimensions), 2);
        Assert.Equal(2, index.Count);
        Assert.Equal(1UL, matches[0].Key);
        Assert.Equal(1f, matches[0].Similarity, Tolerance);
        Assert.Equal(0f, matches[1].Similarity, Tolerance);
    }

    [Fact]
    public void Upsert_RepeatedKey_KeepsLastVector()
    {
        using var index = CreateIndex(Dimensions);

        index.Upsert([(5, TestVectors.Axis(0, Dimensions)), (5, TestVectors.Axis(4, Dimensions))]);

        var match = Assert.Single(index.Search(TestVectors.Axis(4, Dimensions), 3));
        Assert.Equal(5UL, match.Key);
        Assert.Equal(1f, match.Similarity, Tolerance);
    }

    [Fact]
    public void Remove_PresentKey_DropsItFromResults()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions)), (2, TestVectors.Axis(1, Dimensions))]);

        index.Remove([1]);

        var match = Assert.Single(index.Search(TestVectors.Axis(0, Dimensions), 5));
        Assert.Equal(2UL, match.Key);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Remove_AbsentKeys_ChangesNothing()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions))]);

        index.Remove([2, 3, ulong.MaxValue]);

        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Remove_ThenUpsertSameKey_FindsNewVector()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions)), (2, TestVectors.Axis(1, Dimensions))]);
        index.Remove([1]);

        index.Upsert([(1, TestVectors.Axis(5, Dimensions))]);

        var matches = index.Search(TestVectors.Axis(5, Dimensions), 1);
        Assert.Equal(1UL, matches[0].Key);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Search_EmptyIndex_ReturnsNoMatches()
    {
        using var index = CreateIndex(Dimensions);

        var matches = index.Search(TestVectors.Axis(0, Dimensions), 10);

        Assert.Empty(matches);
    }

    [Fact]
    public void Search_AllRemoved_ReturnsNoMatches()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions))]);
        index.Remove([1]);

        var matches = index.Search(TestVectors.Axis(0, Dimensions), 10);

        Assert.Empty(matches);
    }

    [Fact]
    public void Search_CountAboveSize_ReturnsEveryVector()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert(TestVectors.Keyed(TestVectors.Random(6, Dimensions, seed: 2)));

        var matches = index.Search(TestVectors.Axis(0, Dimensions), 100);

        Assert.Equal(6, matches.Count);
        Assert.Equal(6, matches.Select(match => match.Key).Distinct().Count());
    }

    [Fact]
    public void Search_ManyVectors_OrdersMostSimilarFirst()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert(TestVectors.Keyed(TestVectors.Random(300, Dimensions, seed: 3)));

        var matches = index.Search(TestVectors.Random(1, Dimensions, seed: 4)[0], 20);

        Assert.Equal(20, matches.Count);
        Assert.Equal(matches.OrderByDescending(match => match.Similarity), matches);
    }

    [Fact]
    public void Upsert_LargeBatch_FindsEachVector()
    {
        using var index = CreateIndex(32);
        var vectors = TestVectors.Random(1000, 32, seed: 5);

        index.Upsert(TestVectors.Keyed(vectors));

        var misses = Enumerable.Range(0, vectors.Length)
            .Where(position => index.Search(vectors[position], 1)[0].Key != (ulong)position)
            .ToList();
        Assert.Equal(1000, index.Count);
        Assert.Equal(1000, index.Search(vectors[0], 1000).Count);
        Assert.Empty(misses);
    }

    [Fact]
    public void Upsert_WrongLength_ThrowsWithBothLengths()
    {
        using var index = CreateIndex(Dimensions);

        var exception = Assert.Throws<ArgumentException>(() => index.Upsert([(42, new float[5] { 1, 0, 0, 0, 0 })]));

        Assert.Contains("key 42", exception.Message, StringComparison.Ordinal);
        Assert.Contains("has 5 dimensions", exception.Message, StringComparison.Ordinal);
        Assert.Contains("expects 8", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_OneWrongLengthInBatch_StoresNothing()
    {
        using var index = CreateIndex(Dimensions);

        Assert.Throws<ArgumentException>(() => index.Upsert(
            [(1, TestVectors.Axis(0, Dimensions)), (2, TestVectors.Axis(0, Dimensions + 1))]));

        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Search_WrongLengthQuery_ThrowsWithBothLengths()
    {
        using var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions))]);

        var exception = Assert.Throws<ArgumentException>(() => index.Search(new float[384], 1));

        Assert.Contains("has 384 dimensions", exception.Message, StringComparison.Ordinal);
        Assert.Contains("expects 8", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_ZeroVector_Throws()
    {
        using var index = CreateIndex(Dimensions);

        var exception = Assert.Throws<ArgumentException>(() => index.Upsert([(1, new float[Dimensions])]));

        Assert.Contains("all zeros", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Upsert_NonFiniteComponent_Throws(float component)
    {
        using var index = CreateIndex(Dimensions);
        var vector = TestVectors.Axis(0, Dimensions);
        vector[3] = component;

        var exception = Assert.Throws<ArgumentException>(() => index.Upsert([(1, vector)]));

        Assert.Contains("NaN or infinity", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Upsert_ReservedKey_Throws()
    {
        using var index = CreateIndex(Dimensions);

        var exception = Assert.Throws<ArgumentException>(
            () => index.Upsert([(ulong.MaxValue, TestVectors.Axis(0, Dimensions))]));

        Assert.Contains("reserves", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ZeroQuery_Throws()
    {
        using var index = CreateIndex(Dimensions);

        Assert.Throws<ArgumentException>(() => index.Search(new float[Dimensions], 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Search_NonPositiveCount_Throws(int count)
    {
        using var index = CreateIndex(Dimensions);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(TestVectors.Axis(0, Dimensions), count));
    }

    [Fact]
    public void Search_AfterDispose_ThrowsObjectDisposed()
    {
        var index = CreateIndex(Dimensions);
        index.Upsert([(1, TestVectors.Axis(0, Dimensions))]);

        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(TestVectors.Axis(0, Dimensions), 1));
        Assert.Throws<ObjectDisposedException>(() => index.Upsert([(2, TestVectors.Axis(1, Dimensions))]));
    }

    [Fact]
    public async Task Index_ConcurrentReadsAndWrites_RaiseNoErrors()
    {
        const int dimensions = 32;
        const int baseCount = 2000;
        using var index = CreateIndex(dimensions);
        var baseVectors = TestVectors.Random(baseCount, dimensions, seed: 6);
        index.Upsert(TestVectors.Keyed(baseVectors));
        var shortResults = 0;

        // Searchers always find 10 matches, because writers replace the base keys but never remove them.
        void SearchRepeatedly(int seed)
        {
            foreach (var query in TestVectors.Random(400, dimensions, seed))
            {
                if (index.Search(query, 10).Count != 10)
                {
                    Interlocked.Increment(ref shortResults);
                }
            }
        }

        void ReplaceBaseKeys(int seed)
        {
            var random = new Random(seed);
            foreach (var vector in TestVectors.Random(200, dimensions, seed))
            {
                index.Upsert([((ulong)random.Next(baseCount), vector)]);
            }
        }

        void AddAndRemoveExtraKeys(ulong firstKey)
        {
            for (var batch = 0; batch < 40; batch++)
            {
                var keyed = TestVectors.Keyed(TestVectors.Random(20, dimensions, seed: batch), firstKey);
                index.Upsert(keyed);
                index.Remove(keyed.Select(entry => entry.Key).ToArray());
            }
        }

        Task[] tasks =
        [
            Task.Run(() => SearchRepeatedly(10)),
            Task.Run(() => SearchRepeatedly(11)),
            Task.Run(() => SearchRepeatedly(12)),
            Task.Run(() => SearchRepeatedly(13)),
            Task.Run(() => ReplaceBaseKeys(20)),
            Task.Run(() => ReplaceBaseKeys(21)),
            Task.Run(() => AddAndRemoveExtraKeys(100_000)),
            Task.Run(() => AddAndRemoveExtraKeys(200_000)),
        ];
        await Task.WhenAll(tasks).WaitAsync(ConcurrencyTimeout);

        Assert.Equal(0, shortResults);
        Assert.Equal(baseCount, index.Count);
    }
}
