using Google.Protobuf;
using Grpc.Core;
using V1 = VoiceHelper.Api.V1;

namespace VoiceHelper.Client.Internal;

/// <summary>
/// One document upload over the streamed <c>Ingest</c> call: the metadata, the bytes in chunks, then the document and,
/// when waiting, its progress until it is indexed or failed. Each attempt opens the content again from the start.
/// </summary>
internal sealed class DocumentUpload(
    RpcInvoker invoker,
    V1.KnowledgeService.KnowledgeServiceClient service,
    Guid knowledgeBaseId,
    string fileName,
    UploadOptions? options,
    IProgress<UploadProgress>? progress)
{
    private const string Method = "UploadDocumentAsync";

    // The first response's "created" of any attempt: a retry of an upload that was stored reads false.
    private bool? _created;

    /// <summary>Runs the upload, with retries when the content can be read again.</summary>
    public Task<UploadResult> RunAsync(
        Func<Stream> openContent, bool ownsStream, bool canRepeat, CancellationToken cancellationToken) =>
        canRepeat
            ? invoker.ExecuteWithRetriesAsync(Method, token => AttemptAsync(openContent, ownsStream, token), cancellationToken)
            : invoker.ExecuteOnceAsync(token => AttemptAsync(openContent, ownsStream, token), cancellationToken);

    private async Task<UploadResult> AttemptAsync(Func<Stream> openContent, bool ownsStream, CancellationToken cancellationToken)
    {
        var content = openContent();
        try
        {
            using var call = service.Ingest(invoker.StreamOptions(cancellationToken));
            var total = content.CanSeek ? content.Length - content.Position : (long?)null;
            var sent = await SendAsync(call, content, total, cancellationToken).ConfigureAwait(false);
            return await ReceiveAsync(call, sent, total, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (ownsStream)
            {
                await content.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<long> SendAsync(
        AsyncDuplexStreamingCall<V1.IngestRequest, V1.IngestResponse> call, Stream content, long? total,
        CancellationToken cancellationToken)
    {
        long sent = 0;
        try
        {
            await call.RequestStream.WriteAsync(new V1.IngestRequest { Metadata = Metadata(total) }, cancellationToken)
                .ConfigureAwait(false);
            var buffer = new byte[invoker.UploadChunkSize];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = new V1.IngestRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) };
                await call.RequestStream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                sent += read;
                progress?.Report(new UploadProgress(sent, total, Document: null));
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // The gateway rejects a bad upload as soon as it can, while the client may still be writing. The response
            // stream then throws the gateway's status, which names the reason instead of the failed write.
        }

        return sent;
    }

    private async Task<UploadResult> ReceiveAsync(
        AsyncDuplexStreamingCall<V1.IngestRequest, V1.IngestResponse> call, long sent, long? total,
        CancellationToken cancellationToken)
    {
        V1.IngestResponse? last = null;
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            last = call.ResponseStream.Current;
            _created ??= last.Created;
            progress?.Report(new UploadProgress(sent, total, last.Document.ToModel()));
        }

        if (last is null)
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"The gateway ended the upload of '{fileName}' without returning the document."));
        }

        return new UploadResult(last.Document.ToModel(), _created ?? last.Created);
    }

    private V1.IngestMetadata Metadata(long? total)
    {
        var metadata = new V1.IngestMetadata
        {
            KnowledgeBaseId = knowledgeBaseId.ToString(),
            FileName = fileName,
            Wait = options?.WaitUntilIndexed ?? false,
        };
        if (options?.Title is { } title)
        {
            metadata.Title = title;
        }

        if ((options?.ContentType ?? DocumentTypes.MediaTypeOf(fileName)) is { } contentType)
        {
            metadata.ContentType = contentType;
        }

        // An empty file declares no size, so the gateway rejects it as empty rather than as an invalid declared size.
        if (total is > 0)
        {
            metadata.SizeBytes = total.Value;
        }

        return metadata;
    }
}
