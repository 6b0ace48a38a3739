using Npgsql;
using NpgsqlTypes;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// Knowledge bases, documents and chunks in the PostgreSQL tables of <c>db/migrations/0004_knowledge_bases.sql</c>.
/// </summary>
public sealed class PostgresKnowledgeStore(NpgsqlDataSource dataSource)
{
    private const string UniqueViolation = "23505";

    private const string DocumentColumns = """
        id, knowledge_base_id, title, file_name, content_type, size_bytes, status, error_code, error_message,
        chunk_count, chunks_embedded, parse_ms, embed_ms, index_ms, created_at, updated_at
        """;

    /// <summary>Inserts the knowledge base, or returns false when the tenant already uses its name.</summary>
    public async Task<bool> TryInsertKnowledgeBaseAsync(KnowledgeBaseInfo info, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO knowledge_bases (id, tenant_id, name, shard_count, created_at) VALUES ($1, $2, $3, $4, $5)
            """);
        command.Parameters.Add(new() { Value = info.Id });
        command.Parameters.Add(new() { Value = info.TenantId });
        command.Parameters.Add(new() { Value = info.Name });
        command.Parameters.Add(new() { Value = info.ShardCount });
        command.Parameters.Add(new() { Value = info.CreatedAt });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == UniqueViolation)
        {
            return false;
        }
    }

    public async Task<KnowledgeBaseInfo?> GetKnowledgeBaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, tenant_id, name, shard_count, created_at FROM knowledge_bases WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadKnowledgeBase(reader) : null;
    }

    public async Task<IReadOnlyList<KnowledgeBaseInfo>> ListKnowledgeBasesAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, tenant_id, name, shard_count, created_at FROM knowledge_bases
            WHERE tenant_id = $1 ORDER BY created_at, id
            """);
        command.Parameters.Add(new() { Value = tenantId });
        var result = new List<KnowledgeBaseInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadKnowledgeBase(reader));
        }

        return result;
    }

    /// <summary>Deletes the knowledge base; its documents and chunks go with it.</summary>
    public async Task DeleteKnowledgeBaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM knowledge_bases WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts a queued document, or returns the document of the same knowledge base with the same bytes.
    /// </summary>
    public async Task<(DocumentInfo Document, bool Created)> InsertDocumentAsync(
        DocumentInfo document, byte[] sha256, byte[] content, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO documents (id, knowledge_base_id, title, file_name, content_type, size_bytes, content_sha256,
                content, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $9)
            ON CONFLICT ON CONSTRAINT documents_content_key DO NOTHING
            """);
        command.Parameters.Add(new() { Value = document.Id });
        command.Parameters.Add(new() { Value = document.KnowledgeBaseId });
        command.Parameters.Add(new() { Value = document.Title });
        command.Parameters.Add(new() { Value = document.FileName });
        command.Parameters.Add(new() { Value = document.ContentType });
        command.Parameters.Add(new() { Value = document.SizeBytes });
        command.Parameters.Add(new() { Value = sha256 });
        command.Parameters.Add(new() { Value = content });
        command.Parameters.Add(new() { Value = document.CreatedAt });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return (document, true);
        }

        var existing = await FindDocumentByHashAsync(document.KnowledgeBaseId, sha256, cancellationToken)
            ?? throw new InvalidOperationException($"Document with the same content in '{document.KnowledgeBaseId}' vanished.");
        return (existing, false);
    }

    public async Task<DocumentInfo?> GetDocumentAsync(Guid knowledgeBaseId, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {DocumentColumns} FROM documents WHERE id = $1 AND knowledge_base_id = $2");
        command.Parameters.Add(new() { Value = documentId });
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(Guid knowledgeBaseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {DocumentColumns} FROM documents WHERE knowledge_base_id = $1 ORDER BY created_at, id");
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        var result = new List<DocumentInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadDocument(reader));
        }

        return result;
    }

    /// <summary>Returns the ids of documents whose ingestion has not finished, for resuming after a restart.</summary>
    public async Task<IReadOnlyList<Guid>> ListUnfinishedDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM documents WHERE status IN ('queued', 'parsing', 'embedding') ORDER BY created_at");
        var result = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(reader.GetGuid(0));
        }

        return result;
    }

    /// <summary>Returns the stored file of a document, or null when the document is gone.</summary>
    public async Task<StoredFile?> GetDocumentFileAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.knowledge_base_id, k.shard_count, d.file_name, d.content_type, d.title, d.content, d.status
            FROM documents d JOIN knowledge_bases k ON k.id = d.knowledge_base_id
            WHERE d.id = $1
            """);
        command.Parameters.Add(new() { Value = documentId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredFile(
            reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetFieldValue<byte[]>(5), DocumentColumnsText.ParseStatus(reader.GetString(6)));
    }

    /// <summary>Counts one more start of the document's ingestion and returns the new count.</summary>
    public async Task<int> BeginIngestAttemptAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE documents SET ingest_attempts = ingest_attempts + 1 WHERE id = $1 RETURNING ingest_attempts");
        command.Parameters.Add(new() { Value = documentId });
        return await command.ExecuteScalarAsync(cancellationToken) as int? ?? 0;
    }

    /// <summary>Returns how many ingestion attempts the document has begun, or 0 when it no longer exists.</summary>
    public async Task<int> GetIngestAttemptsAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT ingest_attempts FROM documents WHERE id = $1");
        command.Parameters.Add(new() { Value = documentId });
        return await command.ExecuteScalarAsync(cancellationToken) as int? ?? 0;
    }

    /// <summary>Queues a failed document again, with its attempt count reset, for a new upload of the same bytes.</summary>
    public async Task RequeueAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE documents SET status = 'queued', error_code = NULL, error_message = NULL, ingest_attempts = 0,
                updated_at = now()
            WHERE id = $1
            """);
        command.Parameters.Add(new() { Value = documentId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets a document's status, the optional timing of the step that ended, and any error.</summary>
    public async Task UpdateStatusAsync(
        Guid documentId, DocumentStatus status, StatusUpdate update, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE documents SET status = $2, updated_at = now(),
                error_code = $3, error_message = $4,
                title = COALESCE($5, title),
                parse_ms = COALESCE($6, parse_ms), embed_ms = COALESCE($7, embed_ms), index_ms = COALESCE($8, index_ms)
            WHERE id = $1
            """);
        command.Parameters.Add(new() { Value = documentId });
        command.Parameters.Add(new() { Value = DocumentColumnsText.ToText(status) });
        command.Parameters.Add(new() { Value = (object?)update.ErrorCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)update.ErrorMessage ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)update.Title ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)update.ParseMs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)update.EmbedMs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)update.IndexMs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the document's chunks with these, in one transaction, and returns their new ids in order.
    /// </summary>
    public async Task<long[]> ReplaceChunksAsync(
        Guid documentId, Guid knowledgeBaseId, IReadOnlyList<ChunkRow> chunks, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM chunks WHERE document_id = $1", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = documentId });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand("""
            INSERT INTO chunks (document_id, knowledge_base_id, ordinal, heading, page, start_offset, end_offset, text)
            SELECT $1, $2, * FROM unnest($3::integer[], $4::text[], $5::integer[], $6::integer[], $7::integer[], $8::text[])
            RETURNING id
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = documentId });
        insert.Parameters.Add(new() { Value = knowledgeBaseId });
        insert.Parameters.Add(new() { Value = chunks.Select(chunk => chunk.Ordinal).ToArray() });
        insert.Parameters.Add(new() { Value = chunks.Select(chunk => chunk.Heading).ToArray() });
        insert.Parameters.Add(new() { Value = chunks.Select(chunk => chunk.Page).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        insert.Parameters.Add(new() { Value = chunks.Select(chunk => chunk.Start).ToArray() });
        insert.Parameters.Add(new() { Value = chunks.Select(chunk => chunk.End).ToArray() });
        insert.Parameters.Add(new() { Value = chunks.Select(chunk => chunk.Text).ToArray() });
        var ids = new List<long>(chunks.Count);
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        await using (var count = new NpgsqlCommand(
            "UPDATE documents SET chunk_count = $2, chunks_embedded = 0, updated_at = now() WHERE id = $1", connection, transaction))
        {
            count.Parameters.Add(new() { Value = documentId });
            count.Parameters.Add(new() { Value = chunks.Count });
            await count.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. ids];
    }

    /// <summary>Stores the vectors of these chunks and adds their number to the document's progress.</summary>
    public async Task StoreEmbeddingsAsync(
        Guid documentId, IReadOnlyList<long> chunkIds, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        for (var i = 0; i < chunkIds.Count; i++)
        {
            var update = new NpgsqlBatchCommand("UPDATE chunks SET embedding = $2 WHERE id = $1");
            update.Parameters.Add(new() { Value = chunkIds[i] });
            update.Parameters.Add(new() { Value = vectors[i] });
            batch.BatchCommands.Add(update);
        }

        // Counting the stored vectors, rather than adding this batch's size, keeps the progress right when two
        // attempts overlap during a membership change, because the older attempt's chunks are gone by then.
        var progress = new NpgsqlBatchCommand("""
            UPDATE documents SET updated_at = now(), chunks_embedded =
                (SELECT count(*) FROM chunks WHERE document_id = $1 AND embedding IS NOT NULL)
            WHERE id = $1
            """);
        progress.Parameters.Add(new() { Value = documentId });
        batch.BatchCommands.Add(progress);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Returns the stored vectors of these chunks; chunks without a vector are left out.</summary>
    public async Task<IReadOnlyList<(long Id, float[] Vector)>> GetEmbeddingsAsync(
        IReadOnlyList<long> chunkIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, embedding FROM chunks WHERE id = ANY($1) AND embedding IS NOT NULL");
        command.Parameters.Add(new() { Value = chunkIds.ToArray() });
        return await ReadEmbeddingsAsync(command, cancellationToken);
    }

    /// <summary>Returns the vectors of one shard: the indexed documents' chunks whose id modulo the shard count is the shard.</summary>
    public async Task<IReadOnlyList<(long Id, float[] Vector)>> LoadShardAsync(
        Guid knowledgeBaseId, int shard, int shardCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.embedding FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE c.knowledge_base_id = $1 AND d.status = 'indexed' AND c.embedding IS NOT NULL AND c.id % $3 = $2
            """);
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        command.Parameters.Add(new() { Value = (long)shard });
        command.Parameters.Add(new() { Value = (long)shardCount });
        return await ReadEmbeddingsAsync(command, cancellationToken);
    }

    /// <summary>
    /// Returns the vectors of the indexed chunks of these documents of a knowledge base, at most
    /// <paramref name="limit"/> of them.
    /// </summary>
    public async Task<IReadOnlyList<(long Id, float[] Vector)>> LoadDocumentEmbeddingsAsync(
        Guid knowledgeBaseId, IReadOnlyList<Guid> documentIds, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.embedding FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE c.knowledge_base_id = $1 AND c.document_id = ANY($2) AND d.status = 'indexed'
              AND c.embedding IS NOT NULL
            LIMIT $3
            """);
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        command.Parameters.Add(new() { Value = documentIds.ToArray() });
        command.Parameters.Add(new() { Value = limit });
        return await ReadEmbeddingsAsync(command, cancellationToken);
    }

    /// <summary>Returns those of <paramref name="chunkIds"/> that belong to one of <paramref name="documentIds"/>.</summary>
    public async Task<IReadOnlySet<long>> FilterChunksByDocumentAsync(
        IReadOnlyList<long> chunkIds, IReadOnlyList<Guid> documentIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM chunks WHERE id = ANY($1) AND document_id = ANY($2)");
        command.Parameters.Add(new() { Value = chunkIds.ToArray() });
        command.Parameters.Add(new() { Value = documentIds.ToArray() });
        var ids = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// Ranks the indexed chunks of a knowledge base by PostgreSQL full-text search and returns up to
    /// <paramref name="limit"/> chunk ids, best first.
    /// </summary>
    public async Task<IReadOnlyList<long>> FullTextSearchAsync(
        Guid knowledgeBaseId, string query, int limit, IReadOnlyList<Guid>? documentIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id,
                websearch_to_tsquery('english', $2) q
            WHERE c.knowledge_base_id = $1 AND d.status = 'indexed' AND c.search_vector @@ q
              AND ($4::uuid[] IS NULL OR c.document_id = ANY($4))
            ORDER BY ts_rank_cd(c.search_vector, q) DESC, c.id
            LIMIT $3
            """);
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        command.Parameters.Add(new() { Value = query });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new()
        {
            Value = (object?)documentIds?.ToArray() ?? DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Returns the chunks with their document titles; chunks of documents that are not indexed are left out.</summary>
    public async Task<IReadOnlyDictionary<long, ChunkSource>> GetChunkSourcesAsync(
        Guid knowledgeBaseId, IReadOnlyList<long> chunkIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.id, c.document_id, d.title, c.heading, c.page, c.text
            FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE c.id = ANY($1) AND c.knowledge_base_id = $2 AND d.status = 'indexed'
            """);
        command.Parameters.Add(new() { Value = chunkIds.ToArray() });
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        var result = new Dictionary<long, ChunkSource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetInt64(0)] = new ChunkSource(
                reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5));
        }

        return result;
    }

    /// <summary>Deletes a document with its chunks and returns the ids of the deleted chunks.</summary>
    public async Task<long[]> DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<long>();
        await using (var chunks = new NpgsqlCommand(
            "DELETE FROM chunks WHERE document_id = $1 RETURNING id", connection, transaction))
        {
            chunks.Parameters.Add(new() { Value = documentId });
            await using var reader = await chunks.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        await using (var document = new NpgsqlCommand("DELETE FROM documents WHERE id = $1", connection, transaction))
        {
            document.Parameters.Add(new() { Value = documentId });
            await document.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [.. ids];
    }

    /// <summary>Returns the other documents of the knowledge base with this file name: the versions a new upload replaces.</summary>
    public async Task<IReadOnlyList<Guid>> FindOlderVersionsAsync(
        Guid knowledgeBaseId, string fileName, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id FROM documents WHERE knowledge_base_id = $1 AND file_name = $2 AND id <> $3 AND created_at <= (SELECT created_at FROM documents WHERE id = $3)");
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        command.Parameters.Add(new() { Value = fileName });
        command.Parameters.Add(new() { Value = documentId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<DocumentInfo?> FindDocumentByHashAsync(Guid knowledgeBaseId, byte[] sha256, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {DocumentColumns} FROM documents WHERE knowledge_base_id = $1 AND content_sha256 = $2");
        command.Parameters.Add(new() { Value = knowledgeBaseId });
        command.Parameters.Add(new() { Value = sha256 });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    private static async Task<IReadOnlyList<(long Id, float[] Vector)>> ReadEmbeddingsAsync(
        NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var result = new List<(long, float[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetInt64(0), reader.GetFieldValue<float[]>(1)));
        }

        return result;
    }

    private static KnowledgeBaseInfo ReadKnowledgeBase(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4));

    private static DocumentInfo ReadDocument(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5),
        DocumentColumnsText.ParseStatus(reader.GetString(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetInt32(9),
        reader.GetInt32(10),
        reader.IsDBNull(11) ? null : reader.GetInt32(11),
        reader.IsDBNull(12) ? null : reader.GetInt32(12),
        reader.IsDBNull(13) ? null : reader.GetInt32(13),
        reader.GetFieldValue<DateTimeOffset>(14),
        reader.GetFieldValue<DateTimeOffset>(15));
}
