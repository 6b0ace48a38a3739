using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using VoiceHelper.Knowledge.Index;
using VoiceHelper.Knowledge.Index.Internal;

namespace VoiceHelper.Index.Tests;

[Trait("Category", "Unit")]
public sealed class UsearchVectorIndexTests : VectorIndexContractTests
{
    private const int Dimensions = 16;

    [Fact]
    public void Constructor_DefaultOptions_Uses384DimensionsAndExpansion64()
    {
        using var index = new UsearchVectorIndex();

        Assert.Equal(384, index.Dimensions);
        Assert.Equal(64, index.ExpansionSearch);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEachSettingAndRange()
    {
        var options = new UsearchIndexOptions { Connectivity = 1, Dimensions = 0, MaxConcurrentOperations = 0 };

        var exception = Assert.Throws<ArgumentException>(() => new UsearchVectorIndex(options));

        Assert.Contains("Connectivity is 1, but must be between 2 and 128.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Dimensions is 0, but must be between 1 and 4096.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentOperations is 0", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UndefinedScalarKind_Throws()
    {
        var options = new UsearchIndexOptions { ScalarKind = (UsearchScalarKind)99 };

        var exception = Assert.Throws<ArgumentException>(() => new UsearchVectorIndex(options));

        Assert.Contains("ScalarKind is 99", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UsearchNative.ScalarFloat32, ScalarKind.Float32)]
    [InlineData(UsearchNative.ScalarFloat16, ScalarKind.Float16)]
    [InlineData(UsearchNative.ScalarBFloat16, ScalarKind.BFloat16)]
    [InlineData(UsearchNative.ScalarInt8, ScalarKind.Int8)]
    public void NativeScalarKind_MatchesPackageWrapper(int declared, ScalarKind wrapperValue)
    {
        Assert.Equal((int)wrapperValue, declared);
    }

    [Fact]
    public void NativeCosineMetric_MatchesPackageWrapper()
    {
        Assert.Equal((int)MetricKind.Cos, UsearchNative.MetricCosine);
    }

    [Fact]
    public void NativeInitOptions_MatchesPackageWrapperSize()
    {
        Assert.Equal(Marshal.SizeOf<IndexOptions>(), Marshal.SizeOf<UsearchInitOptions>());
    }

    [Theory]
    [InlineData(UsearchScalarKind.Float32)]
    [InlineData(UsearchScalarKind.Float16)]
    [InlineData(UsearchScalarKind.BFloat16)]
    [InlineData(UsearchScalarKind.Int8)]
    public void Search_EachScalarKind_FindsStoredVectors(UsearchScalarKind scalarKind)
    {
        using var index = new UsearchVectorIndex(new UsearchIndexOptions { Dimensions = Dimensions, ScalarKind = scalarKind });
        var vectors = TestVectors.Random(200, Dimensions, seed: 1);
        index.Upsert(TestVectors.Keyed(vectors));

        var matches = index.Search(vectors[17], 3);

        Assert.Equal(17UL, matches[0].Key);
        Assert.Equal(1f, matches[0].Similarity, 0.02f);
    }

    [Fact]
    public void Search_MoreCallersThanThreadSlots_AllSucceed()
    {
        using var index = new UsearchVectorIndex(
            new UsearchIndexOptions { Dimensions = Dimensions, MaxConcurrentOperations = 2 });
        var vectors = TestVectors.Random(500, Dimensions, seed: 2);
        index.Upsert(TestVectors.Keyed(vectors));

        var failures = RunSearchThreads(index, vectors, threadCount: 16);

        Assert.Empty(failures);
    }

    [Fact]
    public void Search_ThreadSlotsAboveProcessors_AllSucceed()
    {
        using var index = new UsearchVectorIndex(
            new UsearchIndexOptions { Dimensions = Dimensions, MaxConcurrentOperations = 32 });
        var vectors = TestVectors.Random(500, Dimensions, seed: 2);
        index.Upsert(TestVectors.Keyed(vectors));

        var failures = RunSearchThreads(index, vectors, threadCount: 32);

        Assert.Empty(failures);
    }

    [Fact]
    public void Upsert_BeyondInitialCapacity_GrowsCapacity()
    {
        using var index = new UsearchVectorIndex(new UsearchIndexOptions { Dimensions = Dimensions, InitialCapacity = 4 });
        var vectors = TestVectors.Random(100, Dimensions, seed: 3);

        foreach (var entry in TestVectors.Keyed(vectors))
        {
            index.Upsert([entry]);
        }

        Assert.Equal(100, index.Count);
        Assert.InRange(index.Capacity, 100, 256);
        Assert.Equal(99UL, index.Search(vectors[99], 1)[0].Key);
    }

    [Fact]
    public void Search_CountAboveExpansion_ReturnsCountMatches()
    {
        using var index = new UsearchVectorIndex(new UsearchIndexOptions { Dimensions = Dimensions, ExpansionSearch = 8 });
        index.Upsert(TestVectors.Keyed(TestVectors.Random(300, Dimensions, seed: 4)));

        var matches = index.Search(TestVectors.Random(1, Dimensions, seed: 5)[0], 100);

        Assert.Equal(100, matches.Count);
    }

    [Fact]
    public void MemoryUsageBytes_AfterUpsert_Grows()
    {
        using var index = new UsearchVectorIndex(new UsearchIndexOptions { Dimensions = Dimensions, InitialCapacity = 16 });
        var before = index.MemoryUsageBytes;

        index.Upsert(TestVectors.Keyed(TestVectors.Random(5000, Dimensions, seed: 6)));

        Assert.True(index.MemoryUsageBytes > before, $"Memory stayed at {before} bytes after 5000 upserts.");
    }

    [Fact]
    public void Load_SavedIndex_FindsSameVectors()
    {
        using var file = new TemporaryFile();
        var options = new UsearchIndexOptions { Dimensions = Dimensions };
        var vectors = TestVectors.Random(300, Dimensions, seed: 7);
        using (var original = new UsearchVectorIndex(options))
        {
            original.Upsert(TestVectors.Keyed(vectors, firstKey: 1000));
            original.Save(file.Path);
        }

        using var loaded = UsearchVectorIndex.Load(file.Path, options);

        Assert.Equal(300, loaded.Count);
        Assert.Equal(1042UL, loaded.Search(vectors[42], 1)[0].Key);
    }

    [Fact]
    public void Load_WithOptions_AppliesExpansionSearch()
    {
        using var file = new TemporaryFile();
        SaveRandomIndex(file.Path, new UsearchIndexOptions { Dimensions = Dimensions, ExpansionSearch = 300 });

        using var loaded = UsearchVectorIndex.Load(
            file.Path, new UsearchIndexOptions { Dimensions = Dimensions, ExpansionSearch = 123 });

        Assert.Equal(123, loaded.ExpansionSearch);
    }

    [Fact]
    public void Load_ThenMoreCallersThanProcessors_AllSucceed()
    {
        using var file = new TemporaryFile();
        var options = new UsearchIndexOptions { Dimensions = Dimensions, MaxConcurrentOperations = 32 };
        var vectors = SaveRandomIndex(file.Path, options);
        using var loaded = UsearchVectorIndex.Load(file.Path, options);

        var failures = RunSearchThreads(loaded, vectors, threadCount: 32);

        Assert.Empty(failures);
    }

    [Fact]
    public void Load_ThenUpsert_GrowsBeyondLoadedSize()
    {
        using var file = new TemporaryFile();
        var options = new UsearchIndexOptions { Dimensions = Dimensions, InitialCapacity = 1 };
        SaveRandomIndex(file.Path, options);
        using var loaded = UsearchVectorIndex.Load(file.Path, options);
        var extra = TestVectors.Random(50, Dimensions, seed: 8);

        loaded.Upsert(TestVectors.Keyed(extra, firstKey: 5000));

        Assert.Equal(250, loaded.Count);
        Assert.Equal(5049UL, loaded.Search(extra[49], 1)[0].Key);
    }

    [Fact]
    public void Load_OtherDimensions_ThrowsInvalidData()
    {
        using var file = new TemporaryFile();
        SaveRandomIndex(file.Path, new UsearchIndexOptions { Dimensions = Dimensions });

        var exception = Assert.Throws<InvalidDataException>(
            () => UsearchVectorIndex.Load(file.Path, new UsearchIndexOptions { Dimensions = 32 }));

        Assert.Contains("holds 16-dimensional vectors, but Dimensions is 32", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherScalarKind_ThrowsInvalidData()
    {
        using var file = new TemporaryFile();
        SaveRandomIndex(file.Path, new UsearchIndexOptions { Dimensions = Dimensions, ScalarKind = UsearchScalarKind.Float32 });

        var exception = Assert.Throws<InvalidDataException>(() => UsearchVectorIndex.Load(
            file.Path, new UsearchIndexOptions { Dimensions = Dimensions, ScalarKind = UsearchScalarKind.Float16 }));

        Assert.Contains("ScalarKind Float16", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        using var file = new TemporaryFile();

        Assert.Throws<FileNotFoundException>(() => UsearchVectorIndex.Load(file.Path));
    }

    [Fact]
    public void Load_NotAnIndex_ThrowsInvalidData()
    {
        using var file = new TemporaryFile();
        File.WriteAllText(file.Path, "This is a text file, not a USearch index, and it is long enough to hold a header.");

        Assert.Throws<InvalidDataException>(() => UsearchVectorIndex.Load(file.Path));
    }

    protected override IVectorIndex CreateIndex(int dimensions) =>
        new UsearchVectorIndex(new UsearchIndexOptions { Dimensions = dimensions, InitialCapacity = 16 });

    private static float[][] SaveRandomIndex(string path, UsearchIndexOptions options)
    {
        var vectors = TestVectors.Random(200, options.Dimensions, seed: 9);
        using var index = new UsearchVectorIndex(options);
        index.Upsert(TestVectors.Keyed(vectors));
        index.Save(path);
        return vectors;
    }

    // Plain threads rather than tasks, so that every caller is in a native search at once even on two cores.
    private static List<Exception> RunSearchThreads(UsearchVectorIndex index, float[][] vectors, int threadCount)
    {
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, threadCount).Select(thread => new Thread(() =>
        {
            try
            {
                for (var query = 0; query < 200; query++)
                {
                    index.Search(vectors[(thread + query) % vectors.Length], 10);
                }
            }
            catch (Exception exception)
            {
                lock (failures)
                {
                    failures.Add(exception);
                }
            }
        })).ToList();

        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => Assert.True(thread.Join(TimeSpan.FromSeconds(60)), "A search thread ran over 60 s."));
        return failures;
    }
}
