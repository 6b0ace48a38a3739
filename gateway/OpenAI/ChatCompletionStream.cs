using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Logging;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// Writes a chat completion as server-sent events, as OpenAI streams it: a chunk with the role, one chunk per piece
/// of content (the answer's deltas, then the sources footer), a chunk with the finish reason and the
/// <c>voicehelper</c> extension, a usage chunk when the request asked for one, and <c>data: [DONE]</c>. A failure
/// after the first chunk is sent as an <c>error</c> event, without <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionStream
{
    private const string DoneEvent = "data: [DONE]\n\n";

    public static async Task WriteAsync(HttpContext context, ChatResponseContext chat, ILogger logger)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellationToken = context.RequestAborted;
        var serializer = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        Task WriteChunkAsync(IReadOnlyList<ChunkChoice> choices, ChatUsage? usage = null, ChatExtension? extension = null) =>
            WriteEventAsync(response, new ChatCompletionChunk(chat.Id, chat.Created, chat.Model, choices, usage, extension),
                serializer, cancellationToken);

        await WriteChunkAsync([Choice(new ChunkDelta("assistant", string.Empty))], extension: chat.Extension(null));

        var text = new CompletionText(chat.Tokens, chat.Input.MaxTokens);
        IReadOnlyList<AnswerCitation> sources = [];
        Turn? turn = null;
        try
        {
            await foreach (var responseEvent in chat.ReadEventsAsync(cancellationToken))
            {
                var piece = string.Empty;
                switch (responseEvent.Kind)
                {
                    case ResponseEventKind.Delta:
                        piece = text.Append(responseEvent.Delta ?? string.Empty);
                        break;
                    case ResponseEventKind.Sources:
                        sources = responseEvent.Sources ?? [];
                        piece = text.Append(SourcesFooter.Format(sources));
                        break;
                    case ResponseEventKind.Done:
                        turn = responseEvent.Turn;
                        break;
                }

                if (piece.Length > 0)
                {
                    await WriteChunkAsync([Choice(new ChunkDelta(Content: piece))]);
                }
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            GatewayLog.ChatCompletionStreamFailed(logger, chat.Start.ResponseId, chat.ConversationId,
                context.TraceIdentifier, exception);
            await WriteEventAsync(response, OpenAIErrors.ToBody(FailureClassifier.Classify(exception)), serializer,
                cancellationToken);
            return;
        }

        if (chat.FailureOf(turn) is { } failure)
        {
            await WriteEventAsync(response, OpenAIErrors.ToBody(failure), serializer, cancellationToken);
            return;
        }

        await WriteChunkAsync([Choice(new ChunkDelta(), text.Truncated ? "length" : "stop")], extension: chat.Extension(sources));
        if (chat.Input.IncludeUsage)
        {
            await WriteChunkAsync([], usage: chat.Usage(text));
        }

        await response.WriteAsync(DoneEvent, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static ChunkChoice Choice(ChunkDelta delta, string? finishReason = null) => new(0, delta, null, finishReason);

    private static async Task WriteEventAsync<T>(
        HttpResponse response, T data, JsonSerializerOptions serializer, CancellationToken cancellationToken)
    {
        // JSON escapes line breaks inside strings, so each event is one data line.
        await response.WriteAsync($"data: {JsonSerializer.Serialize(data, serializer)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
