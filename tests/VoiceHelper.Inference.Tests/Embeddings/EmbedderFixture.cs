using VoiceHelper.Inference.Embeddings;

namespace VoiceHelper.Inference.Tests.Embeddings;

/// <summary>One embedder for all tests of a collection, because loading the model takes about a second.</summary>
public sealed class EmbedderFixture : IDisposable
{
    public MiniLmEmbedder Embedder { get; } = new(new MiniLmEmbedderOptions());

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "Embedder";
}
