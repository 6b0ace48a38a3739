using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Deploy;

/// <summary>
/// Runs <c>build.ps1 deploy</c> and <c>rollback</c> where no cluster exists: the arguments are checked before
/// anything reaches a cluster, an unreachable cluster stops the verb with a message that reports it, and the
/// rendering carries the version and registry to every VoiceHelper image. NOTE: a rollout, the smoke test
/// after it and the automatic rollback need a real cluster, which these tests do not have.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DeployScriptTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData("qa", "Unknown environment 'qa': use dev, staging or production")]
    [InlineData("", "deploy needs an environment and a version.")]
    public async Task Deploy_InvalidEnvironment_Rejected(string environment, string message)
    {
        string[] arguments = environment.Length == 0 ? ["deploy", "v1"] : ["deploy", environment, "v1", "-SkipSmokeTest"];

        var result = await RunAsync(arguments);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad!tag")]
    [InlineData("release/1")]
    [InlineData(".hidden")]
    public async Task Deploy_InvalidVersion_Rejected(string version)
    {
        var result = await RunAsync(["deploy", "staging", version, "-SkipSmokeTest"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not a valid image tag", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_InvalidRegistry_Rejected()
    {
        var result = await RunAsync(["deploy", "staging", "abc123", "-SkipSmokeTest", "-Registry", "Registry.Example"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The registry 'Registry.Example' is invalid", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WithoutSmokeTestKey_Rejected()
    {
        var result = await RunAsync(["deploy", "production", "abc123"], new() { ["VOICEHELPER_SMOKE_API_KEY"] = "" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("VOICEHELPER_SMOKE_API_KEY is not set", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_UnknownOption_Rejected()
    {
        var result = await RunAsync(["deploy", "staging", "abc123", "-Force"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown option '-Force' for deploy", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresToolsTheory("kubectl")]
    [InlineData("deploy", "staging", "abc123", "-SkipSmokeTest")]
    [InlineData("rollback", "production")]
    public async Task Verb_UnreachableCluster_ReportedBeforeAnyChange(params string[] arguments)
    {
        using var folder = new TemporaryFolder();
        var kubeconfig = folder.Write("kubeconfig", UnreachableKubeconfig(ClosedPort()));

        var result = await RunAsync(arguments, new() { ["KUBECONFIG"] = kubeconfig });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The Kubernetes cluster of context 'unreachable' is unreachable", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Applying", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Verb_NoKubeContext_Reported()
    {
        using var folder = new TemporaryFolder();
        var kubeconfig = folder.Write("kubeconfig", "apiVersion: v1\nkind: Config\n");

        var result = await RunAsync(["deploy", "dev", "abc123", "-SkipSmokeTest"], new() { ["KUBECONFIG"] = kubeconfig });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("kubectl has no current context", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresToolsFact("kubectl")]
    public async Task Rendering_VersionAndRegistry_OnEveryVoiceHelperImage()
    {
        var result = await ExternalTool.RunAsync("dotnet", ["pwsh", "-NoProfile", "-Command",
            ". ./build.ps1; Get-Content (New-DeployRendering -Environment staging -Version 0123abc -Registry ghcr.io/example)"],
            ScriptTimeout);

        var images = result.StandardOutput.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("image: ", StringComparison.Ordinal))
            .Select(line => line["image: ".Length..])
            .Where(image => image.Contains("/voicehelper/", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(
            [
                "ghcr.io/example/voicehelper/gateway:0123abc",
                "ghcr.io/example/voicehelper/migrate:0123abc",
                "ghcr.io/example/voicehelper/silo-cuda:0123abc",
                "ghcr.io/example/voicehelper/silo:0123abc",
            ],
            images);
    }

    private static Task<ToolResult> RunAsync(string[] arguments, Dictionary<string, string?>? environment = null) =>
        ExternalTool.RunAsync("dotnet", ["pwsh", "-NoProfile", "./build.ps1", .. arguments], ScriptTimeout, environment: environment);

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string UnreachableKubeconfig(int port) => $"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: unreachable
            cluster:
              server: https://127.0.0.1:{port}
        contexts:
          - name: unreachable
            context:
              cluster: unreachable
              user: nobody
        current-context: unreachable
        users:
          - name: nobody
            user:
              token: not-a-token
        """;
}
