using System.Security.Claims;
using VoiceHelper.Gateway.Auth;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>Document endpoints under <c>/api/v1/knowledge-bases/{kb}/documents</c>.</summary>
public static class DocumentEndpoints
{
    private const string UploadExample = "curl -F file=@manual.pdf -F title='User manual'";

    internal static async Task<IResult> UploadAsync(string kb, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster)
    {
        var knowledgeBaseId = KnowledgeBaseEndpoints.ParseId("kb", kb);
        var upload = await ReadUploadAsync(request);

        var result = await cluster.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId).AddDocumentAsync(user.GetTenantId(), upload);
        var location = $"/api/v1/knowledge-bases/{knowledgeBaseId}/documents/{result.Document.Id}";
        return result.Created
            ? TypedResults.Accepted(location, result.Document)
            : TypedResults.Ok(result.Document);
    }

    internal static async Task<IResult> ListAsync(string kb, ClaimsPrincipal user, IClusterClient cluster)
    {
        var documents = await cluster.GetGrain<IKnowledgeBaseGrain>(KnowledgeBaseEndpoints.ParseId("kb", kb))
            .ListDocumentsAsync(user.GetTenantId());
        return TypedResults.Ok(new { documents });
    }

    internal static async Task<IResult> GetAsync(string kb, string doc, ClaimsPrincipal user, IClusterClient cluster)
    {
        var document = await cluster.GetGrain<IKnowledgeBaseGrain>(KnowledgeBaseEndpoints.ParseId("kb", kb))
            .GetDocumentAsync(user.GetTenantId(), KnowledgeBaseEndpoints.ParseId("doc", doc));
        return TypedResults.Ok(document);
    }

    internal static async Task<IResult> DeleteAsync(string kb, string doc, ClaimsPrincipal user, IClusterClient cluster)
    {
        await cluster.GetGrain<IKnowledgeBaseGrain>(KnowledgeBaseEndpoints.ParseId("kb", kb))
            .DeleteDocumentAsync(user.GetTenantId(), KnowledgeBaseEndpoints.ParseId("doc", doc));
        return TypedResults.NoContent();
    }

    private static async Task<DocumentUpload> ReadUploadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType,
                $"Upload the document as multipart/form-data with the file in the field 'file', as in: {UploadExample}.");
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var file = form.Files.GetFile("file")
            ?? throw ApiProblemException.InvalidField("file", $"The form has no file in the field 'file'. Send one as in: {UploadExample}.");
        var fileName = KnowledgeChecks.CheckFileName("file", file.FileName);
        KnowledgeChecks.CheckNotEmpty("file", fileName, file.Length);
        if (file.Length > KnowledgeLimits.MaxUploadBytes)
        {
            throw KnowledgeChecks.UploadTooLarge(
                $"File '{fileName}' has {file.Length} bytes; the maximum is {KnowledgeLimits.MaxUploadBytes}.");
        }

        var title = TextFields.Optional("title", form["title"].FirstOrDefault(), KnowledgeLimits.MaxTitleLength, UploadExample)?.Trim();
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, request.HttpContext.RequestAborted);
        }

        return new DocumentUpload(fileName, file.ContentType, title, content);
    }
}
