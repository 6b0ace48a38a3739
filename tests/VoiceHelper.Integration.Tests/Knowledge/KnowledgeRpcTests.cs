using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using VoiceHelper.Api.V1;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.RpcCalls;

namespace VoiceHelper.Integration.Tests.Knowledge;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KnowledgeRpcTests(ServiceFixture fixture) : IDisposable
{
    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";
    private const int MaxUploadBytes = 50 * 1024 * 1024;

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.GatewayGrpcAddress);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Ingest_WaitForManualPages_SearchFindsRightPage()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        var ingests = await Task.WhenAll(
            IngestAsync(client, knowledgeBase, Path.Combine(ManualFolder, "indexes-types.html"), wait: true),
            IngestAsync(client, knowledgeBase, Path.Combine(ManualFolder, "sql-vacuum.html"), wait: true));
        var (indexTypes, vacuum) = (ingests[0], ingests[1]);
        var search = await client.SearchAsync(
            new SearchRequest { KnowledgeBaseId = knowledgeBase, Query = "B-tree index", TopK = 3 }, Deadline());
        var answer = await client.AskAsync(
            new AskRequest { KnowledgeBaseId = knowledgeBase, Question = "What does VACUUM FULL do?" }, Deadline());

        var documentId = indexTypes[0].Document.Id;
        var statuses = indexTypes.Select(response => response.Document.Status).ToList();
        Assert.True(indexTypes[0].Created);
        Assert.Equal(DocumentStatus.Queued, statuses[0]);
        Assert.Equal(statuses.Order(), statuses);
        Assert.All(indexTypes, response => Assert.Equal(documentId, response.Document.Id));
        Assert.Equal(DocumentStatus.Indexed, indexTypes[^1].Document.Status);
        Assert.Equal(indexTypes[^1].Document.ChunkCount, indexTypes[^1].Document.ChunksEmbedded);
        Assert.Equal(DocumentStatus.Indexed, vacuum[^1].Document.Status);
        Assert.InRange(search.Results.Count, 1, 3);
        Assert.Equal(documentId, search.Results[0].DocumentId);
        Assert.True(answer.Answered, answer.ToString());
        Assert.Equal(vacuum[0].Document.Id, answer.Sources[0].DocumentId);
    }

    [Fact]
    public async Task Ingest_NoWait_ReturnsQueuedDocumentOnly()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        var responses = await IngestAsync(client, knowledgeBase, Path.Combine(ManualFolder, "sql-analyze.html"), wait: false);
        var stored = await client.GetDocumentAsync(
            new GetDocumentRequest { KnowledgeBaseId = knowledgeBase, DocumentId = responses[0].Document.Id }, Deadline());

        Assert.Single(responses);
        Assert.Equal(DocumentStatus.Queued, responses[0].Document.Status);
        Assert.Equal("sql-analyze.html", stored.FileName);
    }

    [Fact]
    public async Task Search_NoApiKey_ReturnsUnauthenticated()
    {
        var client = CreateKnowledgeClient(_channel, apiKey: null);

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.SearchAsync(
            new SearchRequest { KnowledgeBaseId = Guid.NewGuid().ToString(), Query = "vacuum" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Equal("missing_api_key", ErrorCode(failure));
        Assert.Equal("missing_api_key", ErrorInfoReason(failure));
    }

    [Fact]
    public async Task Search_UnknownApiKey_ReturnsUnauthenticated()
    {
        var client = CreateKnowledgeClient(_channel, "vh_" + new string('A', 43));

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.SearchAsync(
            new SearchRequest { KnowledgeBaseId = Guid.NewGuid().ToString(), Query = "vacuum" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, failure.StatusCode);
        Assert.Equal("invalid_api_key", ErrorCode(failure));
    }

    [Fact]
    public async Task Search_OtherTenantsKnowledgeBase_ReturnsNotFound()
    {
        var owner = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(owner);
        var other = CreateKnowledgeClient(_channel, fixture.KeyOfTenantB);

        var failure = await Assert.ThrowsAsync<RpcException>(() => other.SearchAsync(
            new SearchRequest { KnowledgeBaseId = knowledgeBase, Query = "vacuum" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("knowledge_base_not_found", ErrorCode(failure));
    }

    [Fact]
    public async Task Ingest_OtherTenantsBase_FailsBeforeContent()
    {
        var owner = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(owner);
        var other = CreateKnowledgeClient(_channel, fixture.KeyOfTenantB);
        using var call = other.Ingest(Deadline());

        // The client has sent only the metadata and keeps its side open, so the failure must come before the file.
        await call.RequestStream.WriteAsync(new IngestRequest
        {
            Metadata = new IngestMetadata { KnowledgeBaseId = knowledgeBase, FileName = "sql-vacuum.html" },
        });
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
        Assert.Equal("knowledge_base_not_found", ErrorCode(failure));
        Assert.Equal(0, await CountDocumentsAsync(knowledgeBase));
    }

    [Fact]
    public async Task Ingest_OverUploadLimit_StoresNothing()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var call = client.Ingest(Deadline(TimeSpan.FromSeconds(60)));
        var chunk = RepeatToMebibyte(File.ReadAllBytes(Path.Combine(ManualFolder, "sql-vacuum.html")));
        var chunksOverLimit = MaxUploadBytes / chunk.Length + 1;

        await call.RequestStream.WriteAsync(new IngestRequest
        {
            Metadata = new IngestMetadata { KnowledgeBaseId = knowledgeBase, FileName = "huge.html" },
        });
        await WriteUntilRejectedAsync(call, chunk, chunksOverLimit);
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        var listed = await client.ListDocumentsAsync(new ListDocumentsRequest { KnowledgeBaseId = knowledgeBase }, Deadline());

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("payload_too_large", ErrorCode(failure));
        Assert.Contains(MaxUploadBytes.ToString(), failure.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(listed.Documents);
        Assert.Equal(0, await CountDocumentsAsync(knowledgeBase));
    }

    [Fact]
    public async Task Ingest_DeclaredSizeOverLimit_FailsBeforeContent()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var call = client.Ingest(Deadline());

        await call.RequestStream.WriteAsync(new IngestRequest
        {
            Metadata = new IngestMetadata { KnowledgeBaseId = knowledgeBase, FileName = "huge.pdf", SizeBytes = MaxUploadBytes + 1L },
        });
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("payload_too_large", ErrorCode(failure));
        Assert.Equal(["metadata.size_bytes"], InvalidFields(failure));
    }

    [Fact]
    public async Task Ingest_ChunkBeforeMetadata_ReturnsInvalidArgument()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        using var call = client.Ingest(Deadline());

        await call.RequestStream.WriteAsync(new IngestRequest { Chunk = ByteString.CopyFromUtf8("<html></html>") });
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["metadata"], InvalidFields(failure));
    }

    [Fact]
    public async Task Ingest_UnsupportedFileType_ReturnsInvalidArgument()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var call = client.Ingest(Deadline());

        await call.RequestStream.WriteAsync(new IngestRequest
        {
            Metadata = new IngestMetadata { KnowledgeBaseId = knowledgeBase, FileName = "program.exe" },
        });
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("document_type_unsupported", ErrorCode(failure));
        Assert.Equal(["metadata.file_name"], InvalidFields(failure));
    }

    [Fact]
    public async Task Ingest_ChunkOverMessageLimit_ReturnsResourceExhausted()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        using var call = client.Ingest(Deadline());

        await call.RequestStream.WriteAsync(new IngestRequest
        {
            Metadata = new IngestMetadata { KnowledgeBaseId = knowledgeBase, FileName = "big.txt" },
        });
        await WriteUntilRejectedAsync(call, ByteString.CopyFrom(new byte[5 * 1024 * 1024]), count: 1);
        var failure = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Equal(0, await CountDocumentsAsync(knowledgeBase));
    }

    [Fact]
    public async Task Search_TopKZero_ReturnsInvalidArgument()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.SearchAsync(
            new SearchRequest { KnowledgeBaseId = knowledgeBase, Query = "vacuum", TopK = 0 }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal("validation_failed", ErrorCode(failure));
        Assert.Equal(["top_k"], InvalidFields(failure));
        Assert.Contains("'top_k'", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetKnowledgeBase_MalformedId_ReturnsInvalidArgument()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.GetKnowledgeBaseAsync(
            new GetKnowledgeBaseRequest { KnowledgeBaseId = "not-a-uuid" }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, failure.StatusCode);
        Assert.Equal(["knowledge_base_id"], InvalidFields(failure));
    }

    [Fact]
    public async Task CreateKnowledgeBase_DuplicateName_ReturnsAlreadyExists()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var request = new CreateKnowledgeBaseRequest { Name = $"kb-{Guid.NewGuid():N}" };
        await client.CreateKnowledgeBaseAsync(request, Deadline());

        var failure = await Assert.ThrowsAsync<RpcException>(() => client.CreateKnowledgeBaseAsync(request, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, failure.StatusCode);
        Assert.Equal("knowledge_base_name_taken", ErrorCode(failure));
    }

    [Fact]
    public async Task DeleteKnowledgeBase_ThenGet_ReturnsNotFound()
    {
        var client = CreateKnowledgeClient(_channel, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await CreateKnowledgeBaseAsync(client);

        await client.DeleteKnowledgeBaseAsync(new DeleteKnowledgeBaseRequest { KnowledgeBaseId = knowledgeBase }, Deadline());
        var failure = await Assert.ThrowsAsync<RpcException>(() => client.GetKnowledgeBaseAsync(
            new GetKnowledgeBaseRequest { KnowledgeBaseId = knowledgeBase }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
    }

    [Fact]
    public async Task ListKnowledgeBases_OverHttps_ReturnsCreatedBase()
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate?.GetCertHashString() == fixture.Certificate.Certificate.GetCertHashString();
        using var channel = GrpcChannel.ForAddress(fixture.GatewayTlsAddress, new GrpcChannelOptions { HttpHandler = handler });
        var client = CreateKnowledgeClient(channel, fixture.AdminKeyOfTenantA);

        var knowledgeBase = await CreateKnowledgeBaseAsync(client);
        var listed = await client.ListKnowledgeBasesAsync(new ListKnowledgeBasesRequest(), Deadline());

        Assert.Contains(knowledgeBase, listed.KnowledgeBases.Select(info => info.Id));
    }

    [Fact]
    public async Task Search_GatewayWithoutCluster_ReturnsUnavailable()
    {
        var port = TestEnvironment.FreePort();
        await using var gateway = fixture.StartGatewayWithoutCluster(TestEnvironment.FreePort(), port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = CreateKnowledgeClient(channel, fixture.AdminKeyOfTenantA);
        var request = new SearchRequest { KnowledgeBaseId = Guid.NewGuid().ToString(), Query = "vacuum" };

        var failure = await SearchOnceListeningAsync(client, request, gateway);

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Equal("cluster_unavailable", ErrorCode(failure));
    }

    [Fact]
    public async Task Reflection_ListServices_IncludesKnowledgeService()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_channel);
        using var call = reflection.ServerReflectionInfo(Deadline());

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "The reflection service sent no response.");
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name);

        Assert.Contains("voicehelper.v1.KnowledgeService", services);
    }

    private static ByteString RepeatToMebibyte(byte[] page)
    {
        var chunk = new byte[1024 * 1024];
        for (var offset = 0; offset < chunk.Length; offset += page.Length)
        {
            page.AsSpan(0, Math.Min(page.Length, chunk.Length - offset)).CopyTo(chunk.AsSpan(offset));
        }

        return ByteString.CopyFrom(chunk);
    }

    // The server may end the call while the client still writes, so a failed write is expected. The call's status
    // gives the reason.
    private static async Task WriteUntilRejectedAsync(
        AsyncDuplexStreamingCall<IngestRequest, IngestResponse> call, ByteString chunk, int count)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                await call.RequestStream.WriteAsync(new IngestRequest { Chunk = chunk });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
        }
    }

    // Connection failures are UNAVAILABLE too, but without the gateway's error code: retry those until it listens.
    private static async Task<RpcException> SearchOnceListeningAsync(
        KnowledgeService.KnowledgeServiceClient client, SearchRequest request, ServiceProcess gateway)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => client.SearchAsync(request, Deadline()).ResponseAsync);
            if (ErrorCode(failure) is not null || gateway.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.True(ErrorCode(failure) is not null, $"The gateway never answered.\n{gateway.RecentOutput()}");
                return failure;
            }

            await Task.Delay(200);
        }
    }

    private async Task<long> CountDocumentsAsync(string knowledgeBaseId)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT count(*) FROM documents WHERE knowledge_base_id = $1");
        command.Parameters.Add(new() { Value = Guid.Parse(knowledgeBaseId) });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
