using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VoiceHelper.Knowledge.Tests.Answering;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/chat/completions</c> server on a random loopback port. It records every request
/// and returns the scripted responses in order, repeating the last one. With none scripted it returns HTTP 500.
/// A request with <c>"stream": true</c> gets a scripted completion as Server-Sent Events of chat completion chunks:
/// the scripted pieces, or the content cut into pieces of a few characters. Other requests get whole JSON bodies.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private ScriptedResponse? _last;

    private FakeChatServer(WebApplication app) => _app = app;

    /// <summary>The base URL to configure as the answerer's endpoint, ending in <c>/v1</c>.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>The requests received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = $"{address}/v1";
        return server;
    }

    /// <summary>Scripts a chat completion whose assistant message is <paramref name="content"/>.</summary>
    public void RespondWith(string content) =>
        _script.Enqueue(new ScriptedResponse(200, Completion(content), TimeSpan.Zero) { Pieces = Cut(content) });

    /// <summary>
    /// Scripts a streamed chat completion that sends <paramref name="first"/>, then waits for
    /// <paramref name="gate"/> before it sends <paramref name="rest"/>.
    /// </summary>
    public void RespondWithGatedStream(IReadOnlyList<string> first, Task gate, IReadOnlyList<string> rest) =>
        _script.Enqueue(new ScriptedResponse(200, Completion(string.Concat(first.Concat(rest))), TimeSpan.Zero)
        {
            Pieces = first,
            Gate = gate,
            PiecesAfterGate = rest,
        });

    /// <summary>Scripts a streamed chat completion made of exactly <paramref name="pieces"/>.</summary>
    public void RespondWithPieces(params string[] pieces) =>
        _script.Enqueue(new ScriptedResponse(200, Completion(string.Concat(pieces)), TimeSpan.Zero) { Pieces = pieces });

    /// <summary>Scripts a response with any status and body, such as an error.</summary>
    public void RespondWithStatus(int status, string body) => _script.Enqueue(new ScriptedResponse(status, body, TimeSpan.Zero));

    /// <summary>Scripts a chat completion that is sent only after <paramref name="delay"/>.</summary>
    public void RespondSlowly(TimeSpan delay, string content) =>
        _script.Enqueue(new ScriptedResponse(200, Completion(content), delay) { Pieces = Cut(content) });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(body!.AsObject(), context.Request.Headers.Authorization.ToString()));

        var response = NextResponse();
        await Task.Delay(response.Delay, context.RequestAborted);
        context.Response.StatusCode = response.Status;
        if (response.Status == 200 && body["stream"]?.GetValue<bool>() == true && response.Pieces is { } pieces)
        {
            await StreamAsync(context, response, pieces);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    private static async Task StreamAsync(HttpContext context, ScriptedResponse response, IReadOnlyList<string> pieces)
    {
        context.Response.ContentType = "text/event-stream";
        await WriteChunksAsync(context, pieces);
        if (response.Gate is { } gate)
        {
            await gate.WaitAsync(context.RequestAborted);
            await WriteChunksAsync(context, response.PiecesAfterGate ?? []);
        }

        await context.Response.WriteAsync($"data: {Chunk(null, "stop")}\n\n", context.RequestAborted);
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    private static async Task WriteChunksAsync(HttpContext context, IEnumerable<string> pieces)
    {
        foreach (var piece in pieces)
        {
            await context.Response.WriteAsync($"data: {Chunk(piece, null)}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    private ScriptedResponse NextResponse()
    {
        if (_script.TryDequeue(out var next))
        {
            _last = next;
        }

        return _last ?? new ScriptedResponse(500, """{"error":{"message":"nothing scripted"}}""", TimeSpan.Zero);
    }

    private static string Completion(string content) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
    }.ToJsonString();

    private static string Chunk(string? content, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = content is null ? new JsonObject() : new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();

    // Pieces of a few characters, as a model's tokens are, so that markers and words fall across pieces.
    private static string[] Cut(string content) =>
        content.Chunk(3).Select(characters => new string(characters)).ToArray();

    private sealed record ScriptedResponse(int Status, string Body, TimeSpan Delay)
    {
        public IReadOnlyList<string>? Pieces { get; init; }

        public Task? Gate { get; init; }

        public IReadOnlyList<string>? PiecesAfterGate { get; init; }
    }
}

/// <summary>A request that <see cref="FakeChatServer"/> received: its JSON body and Authorization header.</summary>
public sealed record RecordedRequest(JsonObject Body, string Authorization)
{
    /// <summary>Returns the content of the first message with <paramref name="role"/>, or an empty string.</summary>
    public string MessageContent(string role) =>
        Body["messages"]?.AsArray()
            .FirstOrDefault(message => (string?)message?["role"] == role)?["content"] is { } content
            ? content.GetValueKind() == JsonValueKind.String ? content.GetValue<string>() : content.ToJsonString()
            : string.Empty;
}
