using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Inference.Tests.Texts;

namespace VoiceHelper.Inference.Tests.Embeddings;

[Collection(EmbedderCollection.Name)]
[Trait("Category", "Unit")]
public sealed class MiniLmEmbedderTests(EmbedderFixture fixture)
{
    private const double MinCosine = 0.9999;

    private MiniLmEmbedder Embedder => fixture.Embedder;

    [Fact]
    public async Task EmbedAsync_Texts_ReturnUnitVectorsOf384Values()
    {
        string[] texts = ["The database server is running.", "", "   ", "Ünïcödé – “quoted” 北京"];

        var vectors = await Embedder.EmbedAsync(texts).WaitAsync(Vectors.Timeout);

        Assert.Equal(texts.Length, vectors.Count);
        Assert.Equal(384, Embedder.Dimensions);
        Assert.All(vectors, vector => Assert.Equal(Embedder.Dimensions, vector.Length));
        Assert.All(vectors, vector => Assert.InRange(Vectors.Norm(vector), 0.9999, 1.0001));
        Assert.All(vectors, vector => Assert.All(vector, value => Assert.True(float.IsFinite(value))));
    }

    [Fact]
    public async Task EmbedAsync_ShortTextAmongLongerTexts_SameAsAlone()
    {
        var paragraphs = ReferenceTexts.ReadLicenseParagraphs();
        var shortText = paragraphs.First(paragraph => paragraph.Split(' ').Length is > 3 and < 10);
        var longTexts = paragraphs.Where(paragraph => paragraph.Split(' ').Length > 150).Take(2).ToArray();

        var alone = await Embedder.EmbedAsync([shortText]).WaitAsync(Vectors.Timeout);
        var inBatch = await Embedder.EmbedAsync([longTexts[0], shortText, longTexts[1]]).WaitAsync(Vectors.Timeout);

        Assert.True(Vectors.Cosine(alone[0], inBatch[1]) >= MinCosine, $"Cosine {Vectors.Cosine(alone[0], inBatch[1]):F6}.");
    }

    [Fact]
    public void SessionEmbed_PaddedBatch_SameAsUnpaddedRow()
    {
        var paragraphs = ReferenceTexts.ReadLicenseParagraphs();
        var shortText = paragraphs.First(paragraph => paragraph.Split(' ').Length is > 3 and < 10);
        var longText = paragraphs.First(paragraph => paragraph.Split(' ').Length > 150);
        var padded = Embedder.Tokenizer.EncodeBatch([longText, shortText]);

        var alone = Embedder.Session.Embed(Embedder.Tokenizer.EncodeBatch([shortText]));
        var inBatch = Embedder.Session.Embed(padded);

        Assert.True(padded.SequenceLength > Embedder.Tokenizer.Encode(shortText).Ids.Count);
        Assert.True(Vectors.Cosine(alone[0], inBatch[1]) >= MinCosine, $"Cosine {Vectors.Cosine(alone[0], inBatch[1]):F6}.");
    }

    [Fact]
    public async Task EmbedAsync_MoreTextsThanMaxBatchSize_KeepsInputOrder()
    {
        var texts = ReferenceTexts.ReadLicenseParagraphs().Take(40).ToArray();
        using var smallBatches = new MiniLmEmbedder(new MiniLmEmbedderOptions { MaxBatchSize = 3, VerifyChecksums = false });

        var batched = await smallBatches.EmbedAsync(texts).WaitAsync(Vectors.Timeout);
        var oneByOne = new List<float[]>();
        foreach (var text in texts)
        {
            oneByOne.Add((await Embedder.EmbedAsync([text]).WaitAsync(Vectors.Timeout))[0]);
        }

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.Cosine(oneByOne[i], batched[i]) >= MinCosine, $"Text {i} differs: cosine {Vectors.Cosine(oneByOne[i], batched[i]):F6}.");
        }
    }

    [Fact]
    public async Task EmbedAsync_Paraphrase_CloserThanUnrelatedSentence()
    {
        string[] texts =
        [
            "This program comes without any warranty.",
            "The software is provided with no guarantee of any kind.",
            "Bake the bread for forty minutes until the crust is golden.",
        ];

        var vectors = await Embedder.EmbedAsync(texts).WaitAsync(Vectors.Timeout);
        var paraphrase = Vectors.Cosine(vectors[0], vectors[1]);
        var unrelated = Vectors.Cosine(vectors[0], vectors[2]);

        Assert.True(paraphrase > unrelated + 0.3, $"Paraphrase cosine {paraphrase:F3}, unrelated cosine {unrelated:F3}.");
    }

    [Fact]
    public async Task EmbedAsync_ConcurrentCalls_SameAsSequential()
    {
        var texts = ReferenceTexts.ReadLicenseParagraphs().Take(8).ToArray();
        var sequential = new List<float[]>();
        foreach (var text in texts)
        {
            sequential.Add((await Embedder.EmbedAsync([text]).WaitAsync(Vectors.Timeout))[0]);
        }

        var concurrent = await Task.WhenAll(texts.Select(text => Embedder.EmbedAsync([text]))).WaitAsync(Vectors.Timeout);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(Vectors.Cosine(sequential[i], concurrent[i][0]) >= MinCosine, $"Text {i} differs.");
        }
    }

    [Fact]
    public async Task EmbedAsync_NullList_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Embedder.EmbedAsync(null!)).WaitAsync(Vectors.Timeout);
    }

    [Fact]
    public async Task EmbedAsync_EmptyList_ThrowsArgumentException()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Embedder.EmbedAsync([])).WaitAsync(Vectors.Timeout);

        Assert.Equal("texts", exception.ParamName);
    }

    [Fact]
    public async Task EmbedAsync_NullText_ThrowsNamingIndex()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Embedder.EmbedAsync(["first", null!])).WaitAsync(Vectors.Timeout);

        Assert.Contains("Text 1 of 2 is null", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Embedder.EmbedAsync(["text"], cancellation.Token)).WaitAsync(Vectors.Timeout);
    }

    [Fact]
    public async Task EmbedAsync_CancelledDuringRun_ThrowsOperationCanceled()
    {
        var longText = ReferenceTexts.ReadLicenseParagraphs().First(paragraph => Embedder.Tokenizer.Encode(paragraph).IsTruncated);
        var texts = Enumerable.Repeat(longText, 256).ToArray();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Embedder.EmbedAsync(texts, cancellation.Token)).WaitAsync(Vectors.Timeout);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEachProperty()
    {
        var options = new MiniLmEmbedderOptions { ModelFolder = "", MaxBatchSize = 0 };
        options.Session.IntraOpThreads = -1;

        var exception = Assert.Throws<ArgumentException>(() => new MiniLmEmbedder(options));

        Assert.Contains("ModelFolder", exception.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize must be between 1 and 1024", exception.Message, StringComparison.Ordinal);
        Assert.Contains("IntraOpThreads must be between 0 and 1024", exception.Message, StringComparison.Ordinal);
    }
}
