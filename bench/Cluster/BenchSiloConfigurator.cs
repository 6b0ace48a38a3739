using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using VoiceHelper.Grains;
using VoiceHelper.Hosting;

namespace VoiceHelper.Bench.Cluster;

/// <summary>
/// Configures a benchmark silo as the silo host does for storage and grain services, against the database named
/// by the connection string <see cref="ConnectionStringNames.Postgres"/> in the test cluster's configuration.
/// </summary>
internal sealed class BenchSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = ConnectionStringNames.GetRequired(
            siloBuilder.Configuration, ConnectionStringNames.Postgres);
        siloBuilder.AddVoiceHelperStorage(connectionString);
        siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        siloBuilder.Services.AddVoiceHelperGrainServices();
        siloBuilder.Services.AddVoiceHelperKnowledge(siloBuilder.Configuration);
        siloBuilder.Services.AddVoiceHelperConversations(siloBuilder.Configuration);
    }
}
