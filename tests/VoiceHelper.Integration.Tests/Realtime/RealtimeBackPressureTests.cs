using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static VoiceHelper.Integration.Tests.Realtime.RealtimeSocket;

namespace VoiceHelper.Integration.Tests.Realtime;

/// <summary>
/// A client that stops reading on the real gateway and silo. The gateway pulls events only as fast as the socket
/// takes them, so unread events wait in the session, which disconnects the client once more than
/// <c>Voice:MaxPendingEvents</c> (2,000 by default) wait. The client can then resume without losing an event.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RealtimeBackPressureTests(ServiceFixture fixture, ITestOutputHelper output)
{
    private const int MaxPendingEvents = 2_000;

    // The socket buffers on the way took all of 6,000 error events of about 370 bytes here, and 2,000 more must
    // wait in the session. Each error event is 256 bytes of the 8 MiB that the session retains, so every one can be sent again.
    private const int EventsSent = 20_000;

    // Enough for the gateway to pass every sent event to the session, about 1 ms each.
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ClientThatStopsReading_IsDisconnectedAndResumes()
    {
        var manual = await ManualModel.GetAsync(fixture);
        using var invoker = SmallReceiveBufferInvoker();
        await using var slow = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA, $"model={manual.Name}", invoker: invoker);
        var created = await slow.WaitForTypeAsync("session.created");
        var conversationId = created.GetProperty("session").GetProperty("voicehelper").GetProperty("conversation_id").GetString();

        // Each unknown event gets an error event back, which the client reads only after the pause.
        for (var index = 0; index < EventsSent; index++)
        {
            await slow.SendAsync(new { type = "no.such.event", event_id = $"flood_{index}" });
        }

        await Task.Delay(ProcessingTime);
        var ending = await ReadUntilClosedAsync(slow);
        var readBeforeDrop = slow.Received.Where(IsError).ToList();
        var lastSeen = slow.Received[^1].GetProperty("voicehelper_seq").GetInt64();
        await using var resumed = await ConnectAsync(fixture, fixture.AdminKeyOfTenantA,
            $"model={manual.Name}&conversation_id={conversationId}&voicehelper_last_seq={lastSeen}");
        await resumed.SendAsync(new { type = "session.update", session = new { type = "realtime", instructions = "Be brief." } });
        await resumed.WaitForTypeAsync("session.updated");

        var resent = resumed.Received.Where(element => TypeOf(element) != "session.updated").ToList();
        var sequences = slow.Received.Concat(resent).Select(element => element.GetProperty("voicehelper_seq").GetInt64()).ToList();
        output.WriteLine($"{readBeforeDrop.Count} errors read before the drop ({ending}); {resent.Count} events after resuming");
        Assert.NotEqual("still open", ending);
        Assert.InRange(readBeforeDrop.Count, 1, EventsSent - MaxPendingEvents);
        Assert.True(resent.Count > MaxPendingEvents, $"The session dropped the connection with only {resent.Count} events unread.");
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(sequence => (long)sequence), sequences);
        var tooSlow = Assert.Single(resent, element =>
            TypeOf(element) == "error" && element.GetProperty("error").GetProperty("code").GetString() == "client_too_slow");
        Assert.Contains("Voice:MaxPendingEvents", tooSlow.GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain(resent, element =>
            TypeOf(element) == "error" && element.GetProperty("error").GetProperty("code").GetString() == "resume_unavailable");
    }

    // Reads the buffered events until the server closes the connection, and returns how it ended.
    private static async Task<string> ReadUntilClosedAsync(RealtimeSocket socket)
    {
        try
        {
            await socket.WaitForAsync(_ => false, "the end of the connection");
            return "still open";
        }
        catch (TimeoutException)
        {
            return "still open";
        }
        catch (WebSocketException exception)
        {
            return exception.Message;
        }
    }

    private static bool IsError(JsonElement element) => TypeOf(element) == "error"
        && element.GetProperty("error").GetProperty("code").GetString() == "unknown_event";

    // A 4 KiB socket receive buffer, so the kernel keeps few unread events for the client, as on a slow link.
    private static HttpMessageInvoker SmallReceiveBufferInvoker() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
