using System.Globalization;
using Npgsql;
using VoiceHelper.Bench.Database;
using VoiceHelper.Bench.Harness;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// Text conversations through one gateway in front of one, two and three silo processes on this machine. The timed
/// pair compares a message through a two-silo cluster with the same message through a one-silo cluster, which
/// prices the hops between silos. Teardown then starts clusters of 1, 2 and 3 silos in turn and prints the turns
/// per second each stores under the same load, with the ratio to one silo.
/// </summary>
/// <remarks>
/// Every process of every cluster shares the machine's cores, so more silos can only help while one silo leaves
/// cores idle. On a 2-core machine the ideal ratio is therefore 2, not 3. The conversations answer from an empty knowledge
/// base, as in conversation-gateway, so each message embeds and searches as well as writing two turns.
/// </remarks>
internal sealed class ClusterScalingBenchmark : IBenchmark
{
    private const string MessageText = "How do I reset the password of my account?";
    private const int ThroughputConversations = 16;
    private static readonly int[] SiloCounts = [1, 2, 3];
    private static readonly TimeSpan ThroughputDuration = TimeSpan.FromSeconds(10);

    private readonly string _tenantPrefix = $"bench-cluster-scaling-{Guid.NewGuid():N}";
    private readonly List<string> _clusterIds = [];
    private GatewayDeployment? _oneSilo;
    private GatewayDeployment? _twoSilos;
    private ConversationApiClient? _oneSiloClient;
    private ConversationApiClient? _twoSiloClient;
    private Guid _oneSiloConversation;
    private Guid _twoSiloConversation;
    private IterationCounts _counts = new(0, 0);
    private int _candidateRuns;

    public string Name => "cluster-scaling";

    public string Description =>
        "POST /api/v1/conversations/{id}/messages with a JSON text message through a gateway in front of two silo " +
        "processes joined through Redis, so the conversation, embedding and index grains may sit on different " +
        "silos. Teardown prints turns per second with 16 conversations for clusters of 1, 2 and 3 silos";

    public string BaselineDescription =>
        "the same message through a gateway in front of a single silo, running at the same time on the same " +
        "database, where every grain call stays in one process";

    public IterationCounts DefaultCounts => new(Warmup: 20, Measured: 200);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _counts = counts;
        (_oneSilo, _oneSiloClient, var oneSiloKnowledgeBase) = await StartAsync(1, cancellationToken);
        _oneSiloConversation = await _oneSiloClient.CreateConversationAsync(oneSiloKnowledgeBase, cancellationToken);
        (_twoSilos, _twoSiloClient, var twoSiloKnowledgeBase) = await StartAsync(2, cancellationToken);
        _twoSiloConversation = await _twoSiloClient.CreateConversationAsync(twoSiloKnowledgeBase, cancellationToken);
    }

    public Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        _candidateRuns++;
        return Ready(_twoSiloClient).SendMessageAsync(_twoSiloConversation, MessageText, cancellationToken);
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken) =>
        Ready(_oneSiloClient).SendMessageAsync(_oneSiloConversation, MessageText, cancellationToken);

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            var measuredAll = _candidateRuns >= _counts.Warmup + _counts.Measured;
            await StopTimedClustersAsync();

            // After a failed setup or operation the extra measurements would only add a second failure.
            if (measuredAll)
            {
                await PrintScalingAsync(cancellationToken);
            }
        }
        finally
        {
            await StopTimedClustersAsync();
            await DeleteDataAsync(cancellationToken);
        }
    }

    private async Task PrintScalingAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"{Name}: turns stored per second while {ThroughputConversations} conversations send JSON " +
            $"messages back to back for {ThroughputDuration.TotalSeconds:0} s, one cluster at a time, on " +
            $"{Environment.ProcessorCount} logical processors.");
        double? oneSilo = null;
        foreach (var silos in SiloCounts)
        {
            var (deployment, client, knowledgeBase) = await StartAsync(silos, cancellationToken);
            await using (deployment)
            using (client)
            {
                var measured = await TurnThroughputProbe.MeasureAsync(
                    client, deployment, knowledgeBase, ThroughputConversations, ThroughputDuration, cancellationToken);
                oneSilo ??= measured.TurnsPerSecond;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {silos} silo{(silos == 1 ? " " : "s")}: {measured.TurnsPerSecond,8:0.0} turns/s " +
                    $"(ratio to 1 silo {measured.TurnsPerSecond / oneSilo.Value:0.00}, linear would be {silos}), " +
                    $"CPU per message: silos {measured.SiloCpuMillisecondsPerMessage:0.00} ms, gateway " +
                    $"{measured.GatewayCpuMillisecondsPerMessage:0.00} ms"));
            }
        }
    }

    // Starts a cluster of the given size with a gateway, a client with its key and an empty knowledge base.
    private async Task<(GatewayDeployment Deployment, ConversationApiClient Client, Guid KnowledgeBase)> StartAsync(
        int silos, CancellationToken cancellationToken)
    {
        var deployment = await GatewayDeployment.StartAsync(
            BenchDatabase.ConnectionString, $"{_tenantPrefix}-{_clusterIds.Count}", cancellationToken, silos);
        _clusterIds.Add(deployment.ClusterId);
        var client = new ConversationApiClient(deployment.Address, deployment.ApiKey);
        try
        {
            return (deployment, client, await client.CreateKnowledgeBaseAsync("bench-cluster-scaling", cancellationToken));
        }
        catch
        {
            client.Dispose();
            await deployment.DisposeAsync();
            throw;
        }
    }

    private async Task StopTimedClustersAsync()
    {
        _oneSiloClient?.Dispose();
        _twoSiloClient?.Dispose();
        _oneSiloClient = _twoSiloClient = null;
        if (_oneSilo is not null)
        {
            await _oneSilo.DisposeAsync();
            _oneSilo = null;
        }

        if (_twoSilos is not null)
        {
            await _twoSilos.DisposeAsync();
            _twoSilos = null;
        }
    }

    private async Task DeleteDataAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(BenchDatabase.ConnectionString);

        // Deleting the tenants cascades to their keys, knowledge bases, conversations and turns.
        await using (var command = dataSource.CreateCommand("DELETE FROM tenants WHERE name LIKE $1"))
        {
            command.Parameters.Add(new() { Value = _tenantPrefix + "-%" });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var clusterId in _clusterIds)
        {
            await BenchDatabase.DeleteGrainStateAsync(dataSource, clusterId, cancellationToken);
        }
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
}
