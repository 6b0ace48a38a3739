using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Hosting;
using VoiceHelper.Knowledge.Tests.Answering;

namespace VoiceHelper.Tests.Infrastructure;

/// <summary>
/// A test cluster whose silo writes answers, of knowledge bases and of conversations, with the OpenAI answerer,
/// pointed at a <see cref="FakeChatServer"/>, with one knowledge base that holds one indexed document.
/// </summary>
public sealed class AnswerModelClusterFixture : IAsyncLifetime
{
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromSeconds(120);

    private TestCluster? _cluster;
    private FakeChatServer? _server;

    public FakeChatServer Server => _server ?? throw new InvalidOperationException("The chat server has not started.");

    public IKnowledgeBaseGrain KnowledgeBase { get; private set; } = null!;

    public IGrainFactory GrainFactory =>
        _cluster?.GrainFactory ?? throw new InvalidOperationException("The cluster has not started.");

    public Guid TenantId { get; private set; }

    public Guid DocumentId { get; private set; }

    public const string DocumentText =
        "# Backups\n\nThe pg_dump tool writes a consistent snapshot while the database stays online. " +
        "A file system level backup needs the server to be shut down first.\n";

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = $"answer-tests-{Guid.NewGuid():N}";
        builder.Options.ConfigureFileLogging = false;
        builder.Properties["Knowledge:Answering:Kind"] = "OpenAI";
        builder.Properties["Knowledge:Answering:OpenAI:Endpoint"] = _server.Endpoint;
        builder.Properties["Knowledge:Answering:OpenAI:Model"] = "test-model";
        builder.Properties["Knowledge:Answering:OpenAI:MaxRetries"] = "0";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync().WaitAsync(TestTimeouts.Step);
        await IngestDocumentAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task IngestDocumentAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        TenantId = await TestDatabase.CreateTenantAsync(dataSource);
        KnowledgeBase = _cluster!.GrainFactory.GetGrain<IKnowledgeBaseGrain>(Guid.NewGuid());
        await KnowledgeBase.CreateAsync(TenantId, $"kb-{Guid.NewGuid():N}").WaitAsync(TestTimeouts.Step);

        var upload = new DocumentUpload("backups.md", "text/markdown", null, Encoding.UTF8.GetBytes(DocumentText));
        var result = await KnowledgeBase.AddDocumentAsync(TenantId, upload).WaitAsync(TestTimeouts.Step);
        DocumentId = result.Document.Id;
        var deadline = DateTime.UtcNow + IngestTimeout;
        while (true)
        {
            var document = await KnowledgeBase.GetDocumentAsync(TenantId, DocumentId).WaitAsync(TestTimeouts.Step);
            if (document.Status is DocumentStatus.Indexed)
            {
                return;
            }

            Assert.True(document.Status != DocumentStatus.Failed, $"Ingestion failed: {document.ErrorMessage}");
            Assert.True(DateTime.UtcNow < deadline, $"Document {DocumentId} still {document.Status} after {IngestTimeout}.");
            await Task.Delay(100);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddVoiceHelperStorage(TestDatabase.ConnectionString);
            siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(TestDatabase.ConnectionString));
            siloBuilder.Services.AddVoiceHelperGrainServices();
            siloBuilder.Services.AddVoiceHelperKnowledge(siloBuilder.Configuration);
            siloBuilder.Services.AddVoiceHelperConversations(siloBuilder.Configuration);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AnswerModelClusterCollection : ICollectionFixture<AnswerModelClusterFixture>
{
    public const string Name = "answer-model cluster";
}
