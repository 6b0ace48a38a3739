using System.Net;
using System.Net.Http.Headers;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// One real silo and one real gateway on a database that the test names, under a new cluster id of their own
/// and a service id that survives restarts, as a restarted deployment keeps its Orleans service id.
/// </summary>
public sealed class DrillServices : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly ServiceProcess _silo;
    private readonly ServiceProcess _gateway;
    private readonly Dictionary<string, string> _common;

    private DrillServices(string postgres, string serviceId)
    {
        _common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__Redis"] = TestEnvironment.Redis,
            ["Orleans__ClusterId"] = $"drill-{Guid.NewGuid():N}",
            ["Orleans__ServiceId"] = serviceId,
            ["Orleans__ProbeTimeout"] = "00:00:01",
            ["Orleans__GatewayListRefreshPeriod"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        _silo = ServiceProcess.Start("drill silo", TestEnvironment.SiloAssembly, new Dictionary<string, string>(_common)
        {
            ["Orleans__SiloPort"] = TestEnvironment.FreePort().ToString(),
            ["Orleans__GatewayPort"] = TestEnvironment.FreePort().ToString(),
            ["Silo__Urls"] = $"http://127.0.0.1:{TestEnvironment.FreePort()}",
        });
        _gateway = ServiceProcess.Start("drill gateway", TestEnvironment.GatewayAssembly, GatewayEnvironment());
    }

    public Uri GatewayAddress { get; } = new($"http://127.0.0.1:{TestEnvironment.FreePort()}");

    /// <summary>Starts the processes and waits until the gateway reports ready.</summary>
    public static async Task<DrillServices> StartAsync(string postgres, string serviceId)
    {
        var services = new DrillServices(postgres, serviceId);
        try
        {
            await services.WaitUntilReadyAsync();
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an administrator key (and its tenant) with the gateway's <c>keys create</c> command.</summary>
    public async Task<string> CreateAdminKeyAsync(string tenant)
    {
        await using var command = ServiceProcess.Start("keys create", TestEnvironment.GatewayAssembly, GatewayEnvironment(),
            "keys", "create", "--tenant", tenant, "--name", "drill", "--admin");
        var (exitCode, output) = await command.WaitForExitAsync(StartTimeout);
        Assert.True(exitCode == 0, $"keys create exited with {exitCode}.\n{output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _silo.DisposeAsync();
    }

    private Dictionary<string, string> GatewayEnvironment() => new(_common)
    {
        ["Gateway__HttpUrl"] = GatewayAddress.ToString().TrimEnd('/'),
        ["Gateway__HttpsUrl"] = string.Empty,
        ["Gateway__GrpcUrl"] = string.Empty,
    };

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline && !_silo.HasExited && !_gateway.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"The drill gateway was not ready within {StartTimeout}; last answer: {last}\n" +
            $"{_silo.RecentOutput()}\n{_gateway.RecentOutput()}");
    }
}
