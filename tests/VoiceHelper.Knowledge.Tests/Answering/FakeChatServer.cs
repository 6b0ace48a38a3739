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
/// Completions are whole JSON bodies, never streams.
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
    public void RespondWith(string content) => _script.Enqueue(new ScriptedResponse(200, Completion(content), TimeSpan.Zero));

    /// <summary>Scripts a response with any status and body, such as an error.</summary>
    public void RespondWithStatus(int status, string body) => _script.Enqueue(new ScriptedResponse(status, body, TimeSpan.Zero));

    /// <summary>Scripts a chat completion that is sent only after <paramref name="delay"/>.</summary>
    public void RespondSlowly(TimeSpan delay, string content) =>
        _script.Enqueue(new ScriptedResponse(200, Completion(content), delay));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(body!.AsObject(), context.Request.Headers.Authorization.ToString()));

        var response = NextResponse();
        await Task.Delay(response.Delay, context.RequestAborted);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
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

    private sealed record ScriptedResponse(int Status, string Body, TimeSpan Delay);
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
