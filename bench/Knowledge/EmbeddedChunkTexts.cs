using Npgsql;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>Reads back the chunk texts that the ingest grains embedded, in the batches that they formed.</summary>
internal static class EmbeddedChunkTexts
{
    /// <summary>
    /// Returns the embedding texts of <paramref name="knowledgeBase"/>'s chunks: for each document in
    /// <paramref name="pages"/> order, its chunks in ordinal order cut into batches of <paramref name="batchSize"/>,
    /// as <c>DocumentIngestGrain</c> cuts them, so a document's last batch may be short.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> LoadBatchesAsync(
        NpgsqlDataSource dataSource, IngestedKnowledgeBase knowledgeBase, IReadOnlyList<ManualPage> pages,
        int batchSize, CancellationToken cancellationToken)
    {
        var textsByDocument = await LoadTextsAsync(dataSource, knowledgeBase.Id, cancellationToken);
        var documentIdsByFile = knowledgeBase.Documents
            .ToDictionary(document => document.FileName, document => document.Id);
        // A document without chunks, such as a page without text, has no rows and no batches.
        return pages
            .Select(page => textsByDocument.GetValueOrDefault(documentIdsByFile[page.FileName]) ?? [])
            .SelectMany(texts => texts.Chunk(batchSize))
            .ToList();
    }

    private static async Task<Dictionary<Guid, List<string>>> LoadTextsAsync(
        NpgsqlDataSource dataSource, Guid knowledgeBaseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT document_id, heading, text FROM chunks WHERE knowledge_base_id = $1 ORDER BY document_id, ordinal");
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        var texts = new Dictionary<Guid, List<string>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var documentId = reader.GetGuid(0);
            if (!texts.TryGetValue(documentId, out var documentTexts))
            {
                documentTexts = [];
                texts.Add(documentId, documentTexts);
            }

            documentTexts.Add(EmbeddingText(reader.GetString(1), reader.GetString(2)));
        }

        return texts;
    }

    // The text that DocumentIngestGrain embeds: the heading path, a line feed and the chunk, or the chunk alone.
    private static string EmbeddingText(string heading, string text) =>
        heading.Length == 0 ? text : $"{heading}\n{text}";
}
