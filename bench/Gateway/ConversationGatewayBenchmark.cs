using Npgsql;
using VoiceHelper.Bench.Database;
using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// A text message through <c>POST /api/v1/conversations/{id}/messages</c> of a real gateway and silo, compared
/// with a single-row INSERT transaction. Teardown also runs pgbench with the same INSERT, and streams messages at
/// 1 and 50 concurrent conversations to print the time to the first event-stream byte.
/// </summary>
/// <remarks>
/// NOTE: like conversation-message, the conversation answers from an empty knowledge base, so a candidate
/// operation embeds and searches as well as writing two turns. The ratio measures the whole answered turn.
/// </remarks>
internal sealed class ConversationGatewayBenchmark : IBenchmark
{
    private const string MessageText = "How do I reset the password of my account?";
    private const string RowTable = "bench_gateway_rows";
    private const int StreamRoundsAlone = 20;
    private const int StreamRoundsConcurrent = 2;
    private const int Concurrency = 50;
    private const int PgbenchThroughputTransactions = 4000;
    private static readonly int[] ThroughputConcurrency = [1, 8, 32];
    private static readonly TimeSpan ThroughputDuration = TimeSpan.FromSeconds(10);

    private readonly string _tenantName = $"bench-conversation-gateway-{Guid.NewGuid():N}";
    private NpgsqlDataSource? _dataSource;
    private GatewayDeployment? _deployment;
    private ConversationApiClient? _client;
    private Guid _knowledgeBaseId;
    private Guid _conversationId;
    private IterationCounts _counts = new(0, 0);
    private int _candidateRuns;

    public string Name => "conversation-gateway";

    public string Description =>
        "POST /api/v1/conversations/{id}/messages with a JSON text message and a JSON reply, through a gateway and " +
        "a silo started as child processes: authentication, the grain's turn writes, embedding and search in an " +
        "empty knowledge base, the stored answer. Teardown prints pgbench's tps for the baseline's INSERT and the " +
        "time to the first event-stream byte at 1 and 50 concurrent conversations";

    public string BaselineDescription =>
        "one single-row INSERT transaction (autocommit) through Npgsql into a two-column table of the same " +
        "database: the smallest durable write that storing a message needs. It runs through Npgsql each " +
        "iteration because starting pgbench per iteration would time a process start";

    public IterationCounts DefaultCounts => new(Warmup: 20, Measured: 200);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _counts = counts;
        var connectionString = BenchDatabase.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {RowTable} (id bigint NOT NULL, text text NOT NULL)",
            cancellationToken);

        _deployment = await GatewayDeployment.StartAsync(connectionString, _tenantName, cancellationToken);
        _client = new ConversationApiClient(_deployment.Address, _deployment.ApiKey);
        _knowledgeBaseId = await _client.CreateKnowledgeBaseAsync("bench-conversation-gateway", cancellationToken);
        _conversationId = await _client.CreateConversationAsync(_knowledgeBaseId, cancellationToken);
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        _candidateRuns++;
        return Ready(_client).SendMessageAsync(_conversationId, MessageText, cancellationToken);
    }

    public async Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        await using var command = Ready(_dataSource).CreateCommand($"INSERT INTO {RowTable} (id, text) VALUES ($1, $2)");
        command.Parameters.Add(new() { Value = Random.Shared.NextInt64() });
        command.Parameters.Add(new() { Value = MessageText });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            // After a failed setup or operation the extra measurements would only add a second failure.
            if (_client is not null && _candidateRuns >= _counts.Warmup + _counts.Measured)
            {
                await PrintExtraMeasurementsAsync(_client, cancellationToken);
            }
        }
        finally
        {
            _client?.Dispose();
            if (_deployment is not null)
            {
                await _deployment.DisposeAsync();
            }

            await DeleteRowsAsync(cancellationToken);
        }
    }

    private async Task PrintExtraMeasurementsAsync(ConversationApiClient client, CancellationToken cancellationToken)
    {
        var transactions = Math.Max(_counts.Measured, 100);
        var (tps, latency) = await PgbenchInsertRun.RunAsync(
            BenchDatabase.ConnectionString, RowTable, 1, transactions, MessageText, cancellationToken);
        Console.WriteLine($"{Name}: pgbench, {transactions} single-row INSERT transactions from 1 client: " +
            $"{tps:0} tps, mean latency {latency:0.000} ms");

        Console.WriteLine($"{Name}: turns stored per second while conversations send JSON messages back to back for " +
            $"{ThroughputDuration.TotalSeconds:0} s (two turns per message), against pgbench's single-row INSERT " +
            "transactions run right after, from 1 client and from as many clients as conversations.");
        foreach (var concurrency in ThroughputConcurrency)
        {
            var measured = await TurnThroughputProbe.MeasureAsync(
                client, Ready(_deployment), _knowledgeBaseId, concurrency, ThroughputDuration, cancellationToken);
            var (oneClient, _) = await PgbenchInsertRun.RunAsync(
                BenchDatabase.ConnectionString, RowTable, 1, PgbenchThroughputTransactions, MessageText, cancellationToken);
            var (sameClients, _) = await PgbenchInsertRun.RunAsync(BenchDatabase.ConnectionString, RowTable,
                concurrency, Math.Max(PgbenchThroughputTransactions / concurrency, 100), MessageText, cancellationToken);
            TurnThroughputProbe.Print(Console.Out, concurrency, measured, oneClient, sameClients);
        }

        Console.WriteLine($"{Name}: event stream (Accept: text/event-stream), times in ms from sending the request.");
        Console.WriteLine("  The overhead of each message is its total minus retrieval_ms minus answer_ms.");
        var alone = await StreamLatencyProbe.MeasureAsync(
            client, _knowledgeBaseId, 1, StreamRoundsAlone, MessageText, cancellationToken);
        StreamLatencyProbe.Print(Console.Out, 1, alone);
        var concurrent = await StreamLatencyProbe.MeasureAsync(
            client, _knowledgeBaseId, Concurrency, StreamRoundsConcurrent, MessageText, cancellationToken);
        StreamLatencyProbe.Print(Console.Out, Concurrency, concurrent);
    }

    private async Task DeleteRowsAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is null)
        {
            return;
        }

        await using var dataSource = _dataSource;
        await ExecuteAsync($"DROP TABLE IF EXISTS {RowTable}", cancellationToken);

        // Deleting the tenant cascades to its keys, knowledge bases, conversations and turns.
        await using var command = dataSource.CreateCommand("DELETE FROM tenants WHERE name = $1");
        command.Parameters.Add(new() { Value = _tenantName });
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (_deployment is not null)
        {
            await BenchDatabase.DeleteGrainStateAsync(dataSource, _deployment.ClusterId, cancellationToken);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Ready(_dataSource).CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
}
