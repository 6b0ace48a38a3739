using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using VoiceHelper.Grains;
using VoiceHelper.Hosting;

namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// Configures a benchmark silo as the silo host does for storage, grain services and knowledge bases, with the
/// <c>Knowledge</c> and <c>Inference:Embeddings</c> settings of the test cluster's configuration. Like the test
/// cluster, it leaves out the silo host's ingestion resumer, so documents of earlier runs stay untouched.
/// </summary>
internal sealed class KnowledgeSiloConfigurator : ISiloConfigurator
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
