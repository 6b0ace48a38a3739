using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>A knowledge base that one round created, and its documents once all of them were indexed.</summary>
internal sealed record IngestedKnowledgeBase(Guid Id, IReadOnlyList<DocumentInfo> Documents)
{
    /// <summary>The chunks of all documents.</summary>
    public int ChunkCount => Documents.Sum(document => document.ChunkCount);
}
