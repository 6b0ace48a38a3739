using System.Net;
using System.Net.Sockets;

namespace VoiceHelper.Speech.Tests.Infrastructure;

/// <summary>An HTTP server on 127.0.0.1 that records requests and responds to them with <see cref="Respond"/>.</summary>
internal sealed class LoopbackAudioServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackAudioServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public Func<RecordedRequest, (int Status, string ContentType, byte[] Body)> Respond { get; set; } =
        _ => (404, "text/plain", []);

    public List<RecordedRequest> Requests { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = new RecordedRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body.ToArray());
            lock (Requests)
            {
                Requests.Add(request);
            }

            var (status, contentType, content) = Respond(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.OutputStream.WriteAsync(content);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

internal sealed record RecordedRequest(string Path, string? Authorization, byte[] Body);
