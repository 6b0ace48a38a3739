using Npgsql;

namespace VoiceHelper.Gateway.Auth;

/// <summary>Tenants and API keys in the PostgreSQL tables of <c>db/migrations/0002_tenants_and_api_keys.sql</c>.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string KeyColumns = "id, tenant_id, name, prefix, is_admin, created_at, revoked_at";

    /// <summary>Returns the key whose text hashes to <paramref name="keyHash"/>, revoked or not, or null.</summary>
    public async Task<ApiKeyRecord?> FindByHashAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {KeyColumns} FROM api_keys WHERE key_hash = $1");
        command.Parameters.Add(new() { Value = keyHash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadKey(reader) : null;
    }

    /// <summary>Returns the id of the tenant with this name, creating the tenant when it does not exist.</summary>
    public async Task<Guid> EnsureTenantAsync(string tenantName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH inserted AS (
                INSERT INTO tenants (id, name) VALUES ($1, $2)
                ON CONFLICT (name) DO NOTHING
                RETURNING id
            )
            SELECT id FROM inserted
            UNION ALL
            SELECT id FROM tenants WHERE name = $2
            LIMIT 1
            """);
        command.Parameters.Add(new() { Value = Guid.NewGuid() });
        command.Parameters.Add(new() { Value = tenantName });
        return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Returns the id of the tenant with this name, or null when there is none.</summary>
    public async Task<Guid?> FindTenantAsync(string tenantName, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM tenants WHERE name = $1");
        command.Parameters.Add(new() { Value = tenantName });
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>Creates a key for the tenant and returns its record with the key text, shown only this once.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(
        Guid tenantId, string name, bool isAdmin, CancellationToken cancellationToken)
    {
        var key = ApiKeyText.Generate();
        var record = new ApiKeyRecord(
            Guid.NewGuid(), tenantId, name, ApiKeyText.DisplayPrefix(key), isAdmin, clock.GetUtcNow(), null);

        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, is_admin, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.Add(new() { Value = record.Id });
        command.Parameters.Add(new() { Value = record.TenantId });
        command.Parameters.Add(new() { Value = record.Name });
        command.Parameters.Add(new() { Value = record.Prefix });
        command.Parameters.Add(new() { Value = ApiKeyText.Hash(key) });
        command.Parameters.Add(new() { Value = record.IsAdmin });
        command.Parameters.Add(new() { Value = record.CreatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (record, key);
    }

    /// <summary>Returns the tenant's keys, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {KeyColumns} FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id");
        command.Parameters.Add(new() { Value = tenantId });
        var keys = new List<ApiKeyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(ReadKey(reader));
        }

        return keys;
    }

    /// <summary>
    /// Revokes the tenant's key and returns it, or null when the tenant has no such key. Revoking twice keeps
    /// the first revocation time.
    /// </summary>
    public async Task<ApiKeyRecord?> RevokeAsync(Guid tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
            WHERE id = $1 AND tenant_id = $2
            RETURNING {KeyColumns}
            """);
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadKey(reader) : null;
    }

    private static ApiKeyRecord ReadKey(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetBoolean(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));
}
