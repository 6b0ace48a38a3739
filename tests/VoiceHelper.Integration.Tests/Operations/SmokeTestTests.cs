using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// Runs the smoke test of <c>build.ps1 deploy</c> (<c>build.ps1 smoke</c>) against the real gateway and silo.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SmokeTestTests(ServiceFixture fixture)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Smoke_RunningService_Passes()
    {
        var key = await fixture.CreateKeyAsync($"smoke-{Guid.NewGuid():N}", admin: false);

        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            new Dictionary<string, string> { ["VOICEHELPER_SMOKE_API_KEY"] = key }, "smoke", fixture.GatewayAddress.ToString());

        Assert.True(result.ExitCode == 0, result.Text);
        Assert.Contains("Smoke test: README.md indexed", result.Output, StringComparison.Ordinal);
        Assert.Contains("Smoke test: the conversation turn was answered", result.Output, StringComparison.Ordinal);
        Assert.Contains("Smoke test passed.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_InvalidKey_FailsWithStatus()
    {
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            new Dictionary<string, string> { ["VOICEHELPER_SMOKE_API_KEY"] = "vh_not_a_key" }, "smoke", fixture.GatewayAddress.ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Smoke test failed while creating a knowledge base (POST /api/v1/knowledge-bases): 401", result.Output, StringComparison.Ordinal);
    }
}
