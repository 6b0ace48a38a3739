using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Operations;

[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OperationsEndpointTests(ServiceFixture fixture)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_NoKey_Returns200(string path)
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterRequests_ExposesOrleansAndHttpMetrics()
    {
        using var client = fixture.CreateClient();
        using var _ = await client.GetAsync("/health/ready");

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("http_server_request_duration", text);
        Assert.Contains("orleans_", text);
    }

    [Fact]
    public async Task Dashboard_NoKey_ChallengesForBasic()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Dashboard_NonAdminKey_Returns403()
    {
        using var client = fixture.CreateClient(fixture.KeyOfTenantB);

        using var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_AdminKeyAsBasicPassword_Returns200()
    {
        using var client = fixture.CreateClient();
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{fixture.AdminKeyOfTenantA}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        using var response = await client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);

        using var response = await client.GetAsync("/api/v1/nothing-here");
        var body = await GatewayCalls.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Https_DevelopmentCertificate_ServesHealth()
    {
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate?.Thumbprint == fixture.Certificate.Certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = fixture.GatewayTlsAddress };

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Gateway_NoSiloInCluster_IsLiveButNotReady()
    {
        var port = TestEnvironment.FreePort();
        await using var gateway = fixture.StartGatewayWithoutCluster(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var live = await PollStatusAsync(client, "/health/live", gateway);
        var ready = await PollStatusAsync(client, "/health/ready", gateway);

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
    }

    [Fact]
    public async Task Gateway_NoSiloInCluster_Answers503ToApiCalls()
    {
        var port = TestEnvironment.FreePort();
        await using var gateway = fixture.StartGatewayWithoutCluster(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKeyOfTenantA);
        await PollStatusAsync(client, "/health/live", gateway);

        using var response = await client.PostAsync("/api/v1/conversations", null);
        var body = await GatewayCalls.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("cluster_unavailable", body.GetProperty("code").GetString());
    }

    private static async Task<HttpStatusCode> PollStatusAsync(HttpClient client, string path, ServiceProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(path);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.Fail($"{path} never answered.\n{process.RecentOutput()}");
        return default;
    }
}
