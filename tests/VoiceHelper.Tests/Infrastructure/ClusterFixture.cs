using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using VoiceHelper.Grains;
using VoiceHelper.Hosting;

namespace VoiceHelper.Tests.Infrastructure;

/// <summary>
/// An in-process Orleans test cluster whose grains store their state and turns in the real test database.
/// Shared by the tests of one collection.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(TestDatabase.ConnectionString);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = $"tests-{Guid.NewGuid():N}";
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync().WaitAsync(TestTimeouts.Step);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await DataSource.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddVoiceHelperStorage(TestDatabase.ConnectionString);
            siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(TestDatabase.ConnectionString));
            siloBuilder.Services.AddVoiceHelperGrainServices();
            siloBuilder.Services.AddVoiceHelperKnowledge(new ConfigurationBuilder().Build());
            siloBuilder.Services.AddVoiceHelperConversations(new ConfigurationBuilder().Build());

            // No schedule, so a run happens only when a test calls the retention grain, and deleted conversations
            // go at that run.
            var retention = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Retention:Enabled"] = "false",
                ["Retention:DeletedConversations"] = "00:00:00",
            }).Build();
            siloBuilder.Services.AddVoiceHelperRetention(retention);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
