using Npgsql;
using VoiceHelper.Bench.Cluster;
using VoiceHelper.Bench.Database;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Bench.Conversations;

/// <summary>
/// A chat message through a client call to <see cref="IConversationGrain.SendMessageAsync"/> on a one-silo
/// cluster, compared with the PostgreSQL transaction that the grain cannot avoid.
/// </summary>
/// <remarks>
/// NOTE: the conversation answers from an empty knowledge base, so each candidate operation also embeds the
/// question and searches before it stores the answer, which the baseline does not do. The ratio therefore
/// measures the whole answered turn, not only the write path.
/// </remarks>
internal sealed class ConversationMessageBenchmark : IBenchmark
{
    // A typical short chat question, and a reply of about the length of the answer from an empty knowledge base.
    private const string MessageText = "How do I reset the password of my account?";
    private const string ReplyText = "I could not find an answer to that in the documents of this knowledge base.";

    private NpgsqlDataSource? _dataSource;
    private BenchCluster? _cluster;
    private Guid? _tenantId;
    private IConversationGrain? _grain;
    private DirectTurnWriter? _writer;

    public string Name => "conversation-message";

    public string Description =>
        "IConversationGrain.SendMessageAsync through the cluster client: tenant check, two turns and the " +
        "conversation's activity time written to PostgreSQL, the question embedded and searched in an empty " +
        "knowledge base, the answer stored";

    public string BaselineDescription =>
        "the same two conversation_turns inserts and conversations update in one transaction, sent straight " +
        "through Npgsql";

    public IterationCounts DefaultCounts => new(Warmup: 200, Measured: 1000);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        var connectionString = BenchDatabase.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _tenantId = await BenchDatabase.CreateTenantAsync(_dataSource, "bench-conversation-message", cancellationToken);

        _writer = new DirectTurnWriter(_dataSource, TimeProvider.System);
        await _writer.CreateConversationAsync(_tenantId.Value, cancellationToken);

        _cluster = await BenchCluster.StartAsync(connectionString);
        var knowledgeBaseId = Guid.NewGuid();
        await _cluster.Client.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId)
            .CreateAsync(_tenantId.Value, "bench-conversation-message");
        _grain = _cluster.Client.GetGrain<IConversationGrain>(Guid.NewGuid());
        await _grain.CreateAsync(_tenantId.Value, new ConversationSettings("benchmark candidate", knowledgeBaseId));
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken) =>
        Ready(_grain).SendMessageAsync(Ready(_tenantId), new UserMessage(MessageText));

    public Task RunBaselineAsync(CancellationToken cancellationToken) =>
        Ready(_writer).AppendExchangeAsync(MessageText, ReplyText, cancellationToken);

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
        finally
        {
            await DeleteRowsAsync(cancellationToken);
        }
    }

    private async Task DeleteRowsAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is null)
        {
            return;
        }

        await using var dataSource = _dataSource;
        if (_tenantId is { } tenantId)
        {
            await BenchDatabase.DeleteTenantAsync(dataSource, tenantId, cancellationToken);
        }

        if (_cluster is not null)
        {
            await BenchDatabase.DeleteGrainStateAsync(dataSource, _cluster.ServiceId, cancellationToken);
        }
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");

    private static Guid Ready(Guid? value) =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
}
