using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Gateway.Knowledge;

/// <summary>
/// Reads the request stream of an Ingest call: the metadata message first, then the file's bytes in chunk messages,
/// with the checks and the size limit of the REST upload. Messages are counted from 1 in error messages.
/// </summary>
internal sealed class IngestStream(IAsyncStreamReader<V1.IngestRequest> requests, CancellationToken cancellationToken)
{
    private const string Usage =
        "Send an IngestRequest with metadata first, then the file's bytes in chunk messages, then close the stream.";

    private int _messages;

    /// <summary>Reads and checks the first message, which must carry the metadata.</summary>
    public async Task<IngestHeader> ReadHeaderAsync()
    {
        if (!await MoveNextAsync())
        {
            throw ApiProblemException.InvalidField("metadata", $"The Ingest call sent no message. {Usage}");
        }

        var request = requests.Current;
        if (request.PayloadCase != V1.IngestRequest.PayloadOneofCase.Metadata)
        {
            throw ApiProblemException.InvalidField("metadata",
                $"The first message of the Ingest call carries {Describe(request)}, not metadata. {Usage}");
        }

        return CheckMetadata(request.Metadata);
    }

    /// <summary>
    /// Reads the chunks until the client closes the stream and returns the file's bytes. Throws a 413 problem as
    /// soon as the bytes pass <see cref="KnowledgeLimits.MaxUploadBytes"/>, without reading further.
    /// </summary>
    public async Task<byte[]> ReadContentAsync(IngestHeader header)
    {
        var chunks = new List<ByteString>();
        long received = 0;
        while (await MoveNextAsync())
        {
            var request = requests.Current;
            if (request.PayloadCase != V1.IngestRequest.PayloadOneofCase.Chunk)
            {
                throw ApiProblemException.InvalidField("chunk",
                    $"Message {_messages} of the Ingest call carries {Describe(request)}; only the first message may " +
                    $"carry metadata, and every later one a chunk. {Usage}");
            }

            received += request.Chunk.Length;
            ThrowIfTooLarge(header, received);
            chunks.Add(request.Chunk);
        }

        if (header.DeclaredSize is { } declared && declared != received)
        {
            throw ApiProblemException.InvalidField("metadata.size_bytes",
                $"Field 'metadata.size_bytes' is {declared}, but the call sent {received} bytes. Send the whole file, " +
                "or correct or unset the size.");
        }

        KnowledgeChecks.CheckNotEmpty("chunk", header.FileName, received);
        return Concatenate(chunks, received);
    }

    private async Task<bool> MoveNextAsync()
    {
        if (!await requests.MoveNext(cancellationToken))
        {
            return false;
        }

        _messages++;
        return true;
    }

    private static IngestHeader CheckMetadata(V1.IngestMetadata metadata)
    {
        var knowledgeBaseId = KnowledgeChecks.ParseId("metadata.knowledge_base_id", metadata.KnowledgeBaseId);
        var fileName = KnowledgeChecks.CheckFileName("metadata.file_name",
            TextFields.Require("metadata.file_name", metadata.FileName, KnowledgeLimits.MaxFileNameLength));
        var title = metadata.HasTitle
            ? TextFields.Require("metadata.title", metadata.Title, KnowledgeLimits.MaxTitleLength).Trim()
            : null;
        var contentType = metadata.HasContentType ? CheckContentType(metadata.ContentType) : null;
        long? declaredSize = metadata.HasSizeBytes ? metadata.SizeBytes : null;
        if (declaredSize is { } size)
        {
            CheckDeclaredSize(fileName, size);
        }

        return new IngestHeader(knowledgeBaseId, fileName, title, contentType, declaredSize, metadata.Wait);
    }

    private static string CheckContentType(string contentType)
    {
        const string Field = "metadata.content_type";
        TextFields.Require(Field, contentType, KnowledgeLimits.MaxContentTypeLength);
        if (!MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            throw ApiProblemException.InvalidField(Field,
                $"Field '{Field}' is '{contentType}', which is not a media type such as 'text/html'. Correct or unset it.");
        }

        return contentType.Trim();
    }

    private static void CheckDeclaredSize(string fileName, long size)
    {
        if (size > KnowledgeLimits.MaxUploadBytes)
        {
            var message = $"File '{fileName}' has {size} bytes by field 'metadata.size_bytes'; the maximum is " +
                $"{KnowledgeLimits.MaxUploadBytes}. Upload a smaller file.";
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, message,
                new Dictionary<string, string[]> { ["metadata.size_bytes"] = [message] });
        }

        if (size < 1)
        {
            throw ApiProblemException.InvalidField("metadata.size_bytes",
                $"Field 'metadata.size_bytes' is {size}; it must be from 1 to {KnowledgeLimits.MaxUploadBytes}, or unset.");
        }
    }

    private static void ThrowIfTooLarge(IngestHeader header, long received)
    {
        if (received > KnowledgeLimits.MaxUploadBytes)
        {
            throw KnowledgeChecks.UploadTooLarge(
                $"File '{header.FileName}' has more than the maximum of {KnowledgeLimits.MaxUploadBytes} bytes: the " +
                $"upload was rejected after {received} bytes, and nothing was stored. Upload a smaller file.");
        }

        if (header.DeclaredSize is { } declared && received > declared)
        {
            throw ApiProblemException.InvalidField("metadata.size_bytes",
                $"Field 'metadata.size_bytes' is {declared}, but the call sent more: {received} bytes so far. " +
                "Correct or unset the size.");
        }
    }

    private static byte[] Concatenate(List<ByteString> chunks, long length)
    {
        var content = GC.AllocateUninitializedArray<byte>(checked((int)length));
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.Span.CopyTo(content.AsSpan(offset));
            offset += chunk.Length;
        }

        return content;
    }

    private static string Describe(V1.IngestRequest request) => request.PayloadCase switch
    {
        V1.IngestRequest.PayloadOneofCase.Metadata => "metadata",
        V1.IngestRequest.PayloadOneofCase.Chunk => "a chunk",
        _ => "no payload",
    };
}
