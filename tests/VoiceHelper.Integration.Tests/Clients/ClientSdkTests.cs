using Grpc.Core;
using VoiceHelper.Client;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Clients.SdkClients;

namespace VoiceHelper.Integration.Tests.Clients;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClientSdkTests(ServiceFixture fixture, SdkManual manual) : IClassFixture<SdkManual>, IDisposable
{
    private const string VacuumQuestion = "What does VACUUM FULL do?";

    private readonly VoiceHelperClient _client = Create(fixture.GatewayGrpcAddress, fixture.AdminKeyOfTenantA);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task UploadDocument_WaitUntilIndexed_ReportsBytesThenIngestion()
    {
        var ingested = await manual.GetAsync(fixture);

        var upload = ingested.Uploads["sql-vacuum.html"];
        var reports = ingested.Progress["sql-vacuum.html"];
        var size = new FileInfo(Path.Combine(SdkManual.Folder, "sql-vacuum.html")).Length;
        var sending = reports.TakeWhile(report => report.Document is null).ToList();
        var ingesting = reports.Skip(sending.Count).ToList();
        Assert.True(upload.Created);
        Assert.Equal(DocumentStatus.Indexed, upload.Document.Status);
        Assert.Equal(upload.Document.ChunkCount, upload.Document.ChunksEmbedded);
        Assert.Equal("text/html", upload.Document.ContentType);
        Assert.NotEmpty(sending);
        Assert.Equal(size, sending[^1].BytesSent);
        Assert.All(sending, report => Assert.Equal(size, report.TotalBytes));
        Assert.Equal(DocumentStatus.Queued, ingesting[0].Document!.Status);
        Assert.Equal(DocumentStatus.Indexed, ingesting[^1].Document!.Status);
    }

    [Fact]
    public async Task UploadDocument_SameBytesAgain_ReturnsStoredDocument()
    {
        var ingested = await manual.GetAsync(fixture);
        await using var content = File.OpenRead(Path.Combine(SdkManual.Folder, "sql-cluster.html"));

        var again = await _client.Knowledge.UploadDocumentAsync(ingested.KnowledgeBase.Id, content, "sql-cluster.html");

        Assert.False(again.Created);
        Assert.Equal(ingested.Uploads["sql-cluster.html"].Document.Id, again.Document.Id);
    }

    [Fact]
    public async Task AskAsync_VacuumQuestion_CitesVacuumPage()
    {
        var ingested = await manual.GetAsync(fixture);

        var answer = await _client.Knowledge.AskAsync(ingested.KnowledgeBase.Id, VacuumQuestion);

        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(ingested.Uploads["sql-vacuum.html"].Document.Id, answer.Sources[0].DocumentId);
        Assert.Equal("VACUUM", answer.Sources[0].Title);
    }

    [Fact]
    public async Task SearchAsync_DropIndexQuery_RanksDropIndexPageFirst()
    {
        var ingested = await manual.GetAsync(fixture);

        var results = await _client.Knowledge.SearchAsync(
            ingested.KnowledgeBase.Id, "remove an index without locking the table", new SearchOptions { TopK = 3 });

        Assert.InRange(results.Count, 1, 3);
        Assert.Equal(ingested.Uploads["sql-dropindex.html"].Document.Id, results[0].DocumentId);
    }

    [Fact]
    public async Task ChatAsync_NewMessage_StreamsTypedEvents()
    {
        var conversation = await CreateConversationAsync();

        var events = await ReadAllAsync(token => _client.Conversations.ChatAsync(conversation.Id, VacuumQuestion, cancellationToken: token));

        var started = Assert.IsType<ResponseStarted>(events[0]);
        var deltas = events.Skip(1).SkipLast(2).ToList();
        var sources = Assert.IsType<ResponseSources>(events[^2]);
        var done = Assert.IsType<ResponseDone>(events[^1]);
        var vacuumPage = (await manual.GetAsync(fixture)).Uploads["sql-vacuum.html"].Document.Id;
        Assert.Equal(VacuumQuestion, started.UserMessage.Text);
        Assert.False(started.Replayed);
        Assert.NotEmpty(deltas);
        Assert.All(deltas, delta => Assert.IsType<TextDelta>(delta));
        Assert.Equal(Enumerable.Range(0, events.Count).Select(number => (long)number), events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal(started.ResponseId, e.ResponseId));
        Assert.Equal(done.AssistantMessage.Text, string.Concat(deltas.Cast<TextDelta>().Select(delta => delta.Text)));
        Assert.Equal(MessageStatus.Completed, done.AssistantMessage.Status);
        Assert.Contains(vacuumPage, sources.Sources.Select(source => source.DocumentId));
        Assert.Equal(started.UserMessage.Id, done.AssistantMessage.ReplyToId);
    }

    [Fact]
    public async Task ResumeChatAsync_AfterFirstDelta_ReturnsRest()
    {
        var conversation = await CreateConversationAsync();
        var all = await ReadAllAsync(token => _client.Conversations.ChatAsync(conversation.Id, VacuumQuestion, cancellationToken: token));

        var rest = await ReadAllAsync(token =>
            _client.Conversations.ResumeChatAsync(conversation.Id, all[0].ResponseId, resumeAfter: 1, token));

        var done = Assert.IsType<ResponseDone>(rest[^1]);
        Assert.IsType<TextDelta>(all[1]);
        Assert.Equal(all.Skip(2).Select(e => e.Sequence), rest.Select(e => e.Sequence));
        Assert.Equal(all.Skip(2).Select(e => e.GetType()), rest.Select(e => e.GetType()));
        Assert.Equal(((ResponseDone)all[^1]).AssistantMessage.Text, done.AssistantMessage.Text);
    }

    [Fact]
    public async Task ChatAsync_ConnectionCutMidAnswer_ResumesOnNewConnection()
    {
        var conversation = await CreateConversationAsync();
        await using var relay = TcpRelay.Start(fixture.GatewayGrpcAddress);
        using var client = Create(relay.Address, fixture.AdminKeyOfTenantA);
        using var timeout = new CancellationTokenSource(StepTimeout);
        var events = new List<ChatEvent>();

        // The lock holds the answer in retrieval, so every event after "started" comes after the cut.
        RetrievalLock? retrieval = await RetrievalLock.AcquireAsync(fixture.DataSource);
        try
        {
            var options = new ChatOptions { Background = true };
            await foreach (var chatEvent in client.Conversations.ChatAsync(conversation.Id, VacuumQuestion, options, timeout.Token))
            {
                events.Add(chatEvent);
                if (chatEvent is ResponseStarted && retrieval is not null)
                {
                    relay.CutConnections();
                    await retrieval.DisposeAsync();
                    retrieval = null;
                }
            }
        }
        finally
        {
            if (retrieval is not null)
            {
                await retrieval.DisposeAsync();
            }
        }

        var done = Assert.IsType<ResponseDone>(events[^1]);
        var deltas = events.OfType<TextDelta>().Select(delta => delta.Text);
        Assert.True(relay.AcceptedCount >= 2, $"The client opened {relay.AcceptedCount} connection(s); a resume needs a second.");
        Assert.Equal(Enumerable.Range(0, events.Count).Select(number => (long)number), events.Select(e => e.Sequence));
        Assert.Equal(MessageStatus.Completed, done.AssistantMessage.Status);
        Assert.Equal(done.AssistantMessage.Text, string.Concat(deltas));
    }

    [Fact]
    public async Task GetHistoryAsync_AfterTwoMessages_ReturnsBothTurnsInOrder()
    {
        var conversation = await CreateConversationAsync();
        await ReadAllAsync(token => _client.Conversations.ChatAsync(conversation.Id, VacuumQuestion, cancellationToken: token));
        await ReadAllAsync(token => _client.Conversations.ChatAsync(conversation.Id, "How do I drop an index?", cancellationToken: token));

        var history = await _client.Conversations.GetHistoryAsync(conversation.Id);

        Assert.Equal([1L, 2, 3, 4], history.Select(message => message.Sequence));
        Assert.Equal(
            [MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant],
            history.Select(message => message.Role));
        Assert.Equal(VacuumQuestion, history[0].Text);
        Assert.Equal("How do I drop an index?", history[2].Text);
        Assert.All(history, message => Assert.Equal(MessageStatus.Completed, message.Status));
    }

    [Fact]
    public async Task GetKnowledgeBase_Unknown_ThrowsNotFoundWithCode()
    {
        var failure = await Assert.ThrowsAsync<VoiceHelperNotFoundException>(() =>
            _client.Knowledge.GetKnowledgeBaseAsync(Guid.NewGuid()));

        Assert.Equal(ErrorCodes.KnowledgeBaseNotFound, failure.ErrorCode);
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task ListKnowledgeBases_InvalidKey_ThrowsAuthenticationWithCode()
    {
        using var client = Create(fixture.GatewayGrpcAddress, "vh_invalidinvalidinvalidinvalidinvalid00");

        var failure = await Assert.ThrowsAsync<VoiceHelperAuthenticationException>(() => client.Knowledge.ListKnowledgeBasesAsync());

        Assert.Equal(ErrorCodes.InvalidApiKey, failure.ErrorCode);
    }

    [Fact]
    public async Task SearchAsync_TopKOutOfRange_ThrowsValidationNamingField()
    {
        var ingested = await manual.GetAsync(fixture);

        var failure = await Assert.ThrowsAsync<VoiceHelperValidationException>(() =>
            _client.Knowledge.SearchAsync(ingested.KnowledgeBase.Id, "vacuum", new SearchOptions { TopK = 500 }));

        Assert.Equal(ErrorCodes.ValidationFailed, failure.ErrorCode);
        Assert.Equal(["top_k"], failure.FieldViolations.Select(violation => violation.Field));
    }

    [Fact]
    public async Task CreateKnowledgeBase_NameTaken_ThrowsConflictWithCode()
    {
        var ingested = await manual.GetAsync(fixture);

        var failure = await Assert.ThrowsAsync<VoiceHelperConflictException>(() =>
            _client.Knowledge.CreateKnowledgeBaseAsync(ingested.KnowledgeBase.Name));

        Assert.Equal(ErrorCodes.KnowledgeBaseNameTaken, failure.ErrorCode);
        Assert.Equal(StatusCode.AlreadyExists, failure.StatusCode);
    }

    [Fact]
    public async Task UploadDocument_UnsupportedType_ThrowsValidationWithCode()
    {
        var ingested = await manual.GetAsync(fixture);
        await using var content = File.OpenRead("/usr/share/doc/postgresql-doc-15/copyright");

        var failure = await Assert.ThrowsAsync<VoiceHelperValidationException>(() =>
            _client.Knowledge.UploadDocumentAsync(ingested.KnowledgeBase.Id, content, "copyright.rtf"));

        Assert.Equal(ErrorCodes.DocumentTypeUnsupported, failure.ErrorCode);
    }

    [Fact]
    public async Task ListKnowledgeBases_NothingListening_ThrowsTransientUnavailable()
    {
        using var client = Create(new Uri($"http://127.0.0.1:{TestEnvironment.FreePort()}"), fixture.AdminKeyOfTenantA,
            options => options.MaxRetryAttempts = 1);

        var failure = await Assert.ThrowsAsync<VoiceHelperUnavailableException>(() => client.Knowledge.ListKnowledgeBasesAsync());

        Assert.Null(failure.ErrorCode);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task GetUsage_TlsWithTrustedCertificate_Succeeds()
    {
        using var client = Create(fixture.GatewayTlsAddress, fixture.AdminKeyOfTenantA,
            options => options.TrustedCertificatePath = fixture.Certificate.CertificatePath);

        var usage = await client.GetUsageAsync();

        Assert.True(usage.MessageCount >= 0);
    }

    [Fact]
    public async Task GetUsage_TlsWithoutTrust_ThrowsUnavailableNotTransient()
    {
        using var client = Create(fixture.GatewayTlsAddress, fixture.AdminKeyOfTenantA);

        var failure = await Assert.ThrowsAsync<VoiceHelperUnavailableException>(() => client.GetUsageAsync());

        Assert.False(failure.IsTransient);
        Assert.Contains("TrustedCertificatePath", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_CreateUseRevoke_RevokedKeyIsRejected()
    {
        using var admin = Create(fixture.GatewayGrpcAddress, fixture.AdminKeyOfTenantB);

        var created = await admin.Keys.CreateAsync("sdk test");
        using var client = Create(fixture.GatewayGrpcAddress, created.Key);
        await client.Knowledge.ListKnowledgeBasesAsync();
        var revoked = await admin.Keys.RevokeAsync(created.ApiKey.Id);
        var listed = await admin.Keys.ListAsync();
        var failure = await Assert.ThrowsAsync<VoiceHelperAuthenticationException>(() => client.Knowledge.ListKnowledgeBasesAsync());

        Assert.False(created.ApiKey.Admin);
        Assert.StartsWith(created.ApiKey.Prefix, created.Key, StringComparison.Ordinal);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Contains(listed, key => key.Id == created.ApiKey.Id && key.RevokedAt is not null);
        Assert.Equal(ErrorCodes.InvalidApiKey, failure.ErrorCode);
    }

    [Fact]
    public async Task Keys_KeyWithoutAdmin_ThrowsPermissionWithCode()
    {
        using var client = Create(fixture.GatewayGrpcAddress, fixture.KeyOfTenantB);

        var failure = await Assert.ThrowsAsync<VoiceHelperPermissionException>(() => client.Keys.ListAsync());

        Assert.Equal(ErrorCodes.Forbidden, failure.ErrorCode);
    }

    private async Task<Conversation> CreateConversationAsync()
    {
        var ingested = await manual.GetAsync(fixture);
        return await _client.Conversations.CreateAsync(new ConversationSettings { KnowledgeBaseId = ingested.KnowledgeBase.Id });
    }
}
