using System.Net;
using System.Net.Sockets;

namespace VoiceHelper.Integration.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port in front of the gateway, whose connections a test can cut at a known moment, as a
/// network failure would, while new connections still pass.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Inbound, TcpClient Outbound)> _connections = [];
    private readonly Task _accepting;

    private TcpRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's address, with the scheme of the target.</summary>
    public Uri Address => new($"{_target.Scheme}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many connections the relay has accepted so far.</summary>
    public int AcceptedCount { get; private set; }

    public static TcpRelay Start(Uri target) => new(target);

    /// <summary>Resets every open connection on both sides.</summary>
    public void CutConnections()
    {
        lock (_connections)
        {
            foreach (var (inbound, outbound) in _connections)
            {
                Reset(inbound);
                Reset(outbound);
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutConnections();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            var outbound = new TcpClient();
            await outbound.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            lock (_connections)
            {
                _connections.Add((inbound, outbound));
                AcceptedCount++;
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or SocketException)
        {
            // The other direction or CutConnections closed the connection.
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }

    // A zero linger time makes Close send RST, as a broken network path or a crashed peer would.
    private static void Reset(TcpClient client)
    {
        try
        {
            // A pump that ended has disposed the client already, which leaves no socket.
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (ObjectDisposedException)
        {
        }

        client.Dispose();
    }
}
