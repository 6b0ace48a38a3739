using Npgsql;

namespace VoiceHelper.Grains.Persistence;

/// <summary>Reads the passages of a knowledge base that bias speech recognition toward its vocabulary.</summary>
public sealed class PostgresVocabularyStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Returns the headings and texts of the first <paramref name="maxChunks"/> chunks of a knowledge base, in storage
    /// order, and a version that changes whenever chunks are added or removed.
    /// </summary>
    public async Task<(string Version, IReadOnlyList<string> Texts)> ReadAsync(
        Guid knowledgeBaseId, int maxChunks, CancellationToken cancellationToken)
    {
        await using var versionCommand = dataSource.CreateCommand(
            "SELECT count(*), coalesce(max(id), 0) FROM chunks WHERE knowledge_base_id = $1");
        versionCommand.Parameters.Add(new() { Value = knowledgeBaseId });
        string version;
        await using (var reader = await versionCommand.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            version = $"{reader.GetInt64(0)}-{reader.GetInt64(1)}";
        }

        await using var command = dataSource.CreateCommand(
            "SELECT heading, text FROM chunks WHERE knowledge_base_id = $1 ORDER BY id LIMIT $2");
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        command.Parameters.Add(new() { Value = maxChunks });
        var texts = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                texts.Add(reader.GetString(0));
                texts.Add(reader.GetString(1));
            }
        }

        return (version, texts);
    }
}
