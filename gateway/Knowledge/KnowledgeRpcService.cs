using Grpc.Core;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Knowledge;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>
/// The gRPC service <c>voicehelper.v1.KnowledgeService</c>: the knowledge base API of the REST endpoints, with the
/// same checks and limits, scoped to the tenant of the caller's API key. Failures become gRPC statuses in
/// <see cref="Rpc.RpcExceptionInterceptor"/>.
/// </summary>
public sealed class KnowledgeRpcService(IClusterClient cluster, TimeProvider clock) : V1.KnowledgeService.KnowledgeServiceBase
{
    public override async Task<V1.KnowledgeBase> CreateKnowledgeBase(
        V1.CreateKnowledgeBaseRequest request, ServerCallContext context)
    {
        var name = TextFields.Require("name", request.Name, KnowledgeLimits.MaxNameLength).Trim();

        var info = await cluster.GetGrain<IKnowledgeBaseGrain>(Guid.NewGuid()).CreateAsync(TenantOf(context), name);
        return info.ToMessage();
    }

    public override async Task<V1.ListKnowledgeBasesResponse> ListKnowledgeBases(
        V1.ListKnowledgeBasesRequest request, ServerCallContext context)
    {
        var bases = await cluster.GetGrain<ITenantKnowledgeGrain>(TenantOf(context)).ListAsync();

        var response = new V1.ListKnowledgeBasesResponse();
        response.KnowledgeBases.Add(bases.Select(info => info.ToMessage()));
        return response;
    }

    public override async Task<V1.KnowledgeBase> GetKnowledgeBase(
        V1.GetKnowledgeBaseRequest request, ServerCallContext context)
    {
        var info = await KnowledgeBase(request.KnowledgeBaseId).GetAsync(TenantOf(context));
        return info.ToMessage();
    }

    public override async Task<V1.DeleteKnowledgeBaseResponse> DeleteKnowledgeBase(
        V1.DeleteKnowledgeBaseRequest request, ServerCallContext context)
    {
        await KnowledgeBase(request.KnowledgeBaseId).DeleteAsync(TenantOf(context));
        return new V1.DeleteKnowledgeBaseResponse();
    }

    public override async Task Ingest(
        IAsyncStreamReader<V1.IngestRequest> requestStream, IServerStreamWriter<V1.IngestResponse> responseStream,
        ServerCallContext context)
    {
        var tenantId = TenantOf(context);
        var stream = new IngestStream(requestStream, context.CancellationToken);
        var header = await stream.ReadHeaderAsync();
        var knowledgeBase = cluster.GetGrain<IKnowledgeBaseGrain>(header.KnowledgeBaseId);
        // Fails with NOT_FOUND before the client has sent the file, rather than after.
        await knowledgeBase.GetAsync(tenantId);

        var content = await stream.ReadContentAsync(header);
        var result = await knowledgeBase.AddDocumentAsync(
            tenantId, new DocumentUpload(header.FileName, header.ContentType, header.Title, content));
        var first = new V1.IngestResponse { Document = result.Document.ToMessage(), Created = result.Created };
        await responseStream.WriteAsync(first, context.CancellationToken);

        if (header.Wait)
        {
            await IngestProgress.StreamUntilFinalAsync(
                knowledgeBase, tenantId, result, responseStream, clock, context.CancellationToken);
        }
    }

    public override async Task<V1.Document> GetDocument(V1.GetDocumentRequest request, ServerCallContext context)
    {
        var documentId = KnowledgeChecks.ParseId("document_id", request.DocumentId);

        var document = await KnowledgeBase(request.KnowledgeBaseId).GetDocumentAsync(TenantOf(context), documentId);
        return document.ToMessage();
    }

    public override async Task<V1.ListDocumentsResponse> ListDocuments(
        V1.ListDocumentsRequest request, ServerCallContext context)
    {
        var documents = await KnowledgeBase(request.KnowledgeBaseId).ListDocumentsAsync(TenantOf(context));

        var response = new V1.ListDocumentsResponse();
        response.Documents.Add(documents.Select(document => document.ToMessage()));
        return response;
    }

    public override async Task<V1.DeleteDocumentResponse> DeleteDocument(
        V1.DeleteDocumentRequest request, ServerCallContext context)
    {
        var documentId = KnowledgeChecks.ParseId("document_id", request.DocumentId);

        await KnowledgeBase(request.KnowledgeBaseId).DeleteDocumentAsync(TenantOf(context), documentId);
        return new V1.DeleteDocumentResponse();
    }

    public override async Task<V1.SearchResponse> Search(V1.SearchRequest request, ServerCallContext context)
    {
        var knowledgeBase = KnowledgeBase(request.KnowledgeBaseId);
        var query = new SearchQuery(
            TextFields.Require("query", request.Query, KnowledgeLimits.MaxQueryLength),
            KnowledgeChecks.CheckTopK(request.HasTopK ? request.TopK : null),
            KnowledgeChecks.CheckMinScore(request.HasMinScore ? request.MinScore : null),
            ParseDocumentIds(request.DocumentIds));

        var hits = await knowledgeBase.SearchAsync(TenantOf(context), query);
        var response = new V1.SearchResponse();
        response.Results.Add(hits.Select(hit => hit.ToMessage()));
        return response;
    }

    public override async Task<V1.AskResponse> Ask(V1.AskRequest request, ServerCallContext context)
    {
        var knowledgeBase = KnowledgeBase(request.KnowledgeBaseId);
        var question = TextFields.Require("question", request.Question, KnowledgeLimits.MaxQueryLength);
        var topK = KnowledgeChecks.CheckTopK(request.HasTopK ? request.TopK : null);

        var answer = await knowledgeBase.AskAsync(TenantOf(context), question, topK);
        return answer.ToMessage();
    }

    private static Guid TenantOf(ServerCallContext context) => context.GetHttpContext().User.GetTenantId();

    // Protocol buffers cannot tell an empty repeated field from a missing one, so an empty list means no filter, as
    // a missing "filters.document_ids" does in REST.
    private static IReadOnlyList<Guid>? ParseDocumentIds(IReadOnlyList<string> values) =>
        values.Count == 0
            ? null
            : KnowledgeChecks.CheckDocumentCount("document_ids",
                values.Select((value, index) => KnowledgeChecks.ParseId($"document_ids[{index}]", value)).ToList());

    private IKnowledgeBaseGrain KnowledgeBase(string knowledgeBaseId) =>
        cluster.GetGrain<IKnowledgeBaseGrain>(KnowledgeChecks.ParseId("knowledge_base_id", knowledgeBaseId));
}
