using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Workflows;

/// <summary>
/// Validates .github/workflows with @action-validator/cli (the workflow JSON schema) and checks the pipeline's
/// shape: the README's test command, the vulnerability and image scans, images tagged with the commit, staging
/// deployed from main and production from a tag behind an environment.
/// </summary>
[Trait("Category", "Unit")]
public sealed class WorkflowTests
{
    private const string WorkflowFolder = ".github/workflows";

    private const string Pipeline = ".github/workflows/ci.yml";

    private static readonly TimeSpan ValidationTimeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> WorkflowFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in Directory.EnumerateFiles(RepositoryFiles.PathOf(WorkflowFolder), "*.yml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(RepositoryFiles.Root, path));
            }

            return data;
        }
    }

    [WorkflowValidatorTheory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task Workflow_ActionValidator_Accepts(string path)
    {
        var result = await ValidateAsync(RepositoryFiles.PathOf(path));

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
    }

    [WorkflowValidatorFact]
    public async Task ActionValidator_UnknownJobKey_Rejected()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("broken.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    stepz:\n      - run: echo\n");

        var result = await ValidateAsync(path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("stepz", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_RunsReadmeTestCommand()
    {
        const string Command = "dotnet tool restore && dotnet pwsh ./build.ps1 test";

        Assert.Contains(Command, RepositoryFiles.ReadText("README.md"), StringComparison.Ordinal);
        Assert.Contains(Runs("test"), run => run.Contains(Command, StringComparison.Ordinal));
    }

    [Fact]
    public void Test_RunsOnDebian12()
    {
        Assert.Equal("debian:12", Job("test").TextAt("container"));
    }

    [Fact]
    public void VulnerablePackages_ListedAndFailTheJob()
    {
        var script = string.Join('\n', Runs("vulnerable-packages"));

        Assert.Contains("dotnet list VoiceHelper.sln package --vulnerable --include-transitive", script, StringComparison.Ordinal);
        Assert.Contains("exit 1", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo", "docker/silo.Dockerfile")]
    [InlineData("silo-cuda", "docker/silo.Dockerfile")]
    [InlineData("gateway", "docker/gateway.Dockerfile")]
    [InlineData("migrate", "docker/migrate.Dockerfile")]
    public void Images_EveryImage_BuiltFromItsDockerfile(string image, string dockerfile)
    {
        var entries = Job("images").SequenceAt("strategy", "matrix", "include");

        var entry = Assert.Single(entries, item => item.TextAt("image") == image);

        Assert.Equal(dockerfile, entry.TextAt("dockerfile"));
        Assert.True(File.Exists(RepositoryFiles.PathOf(dockerfile)), $"{dockerfile} does not exist.");
    }

    [Fact]
    public void Images_TrivyScanFailsOnHighSeverity()
    {
        var trivy = Assert.Single(Steps("images"), step => step.TextAt("uses")?.StartsWith("aquasecurity/trivy-action@", StringComparison.Ordinal) == true);

        Assert.Equal("1", trivy.TextAt("with", "exit-code"));
        Assert.Contains("CRITICAL", trivy.TextAt("with", "severity"), StringComparison.Ordinal);
        Assert.Contains("HIGH", trivy.TextAt("with", "severity"), StringComparison.Ordinal);
    }

    [Fact]
    public void Images_TaggedWithCommit()
    {
        var build = Assert.Single(Steps("images"), step => step.TextAt("uses")?.StartsWith("docker/build-push-action@", StringComparison.Ordinal) == true);

        Assert.EndsWith(":${{ github.sha }}", build.TextAt("with", "tags"), StringComparison.Ordinal);
        Assert.Contains(Runs("images"), run => run.Contains("docker push \"$IMAGE:$GITHUB_SHA\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Images_NeedTestsAndScan()
    {
        var needs = Job("images").SequenceAt("needs").OfType<string>().ToList();

        Assert.Contains("test", needs);
        Assert.Contains("vulnerable-packages", needs);
    }

    [Theory]
    [InlineData("deploy-staging", "staging", "github.ref == 'refs/heads/main'")]
    [InlineData("deploy-production", "production", "startsWith(github.ref, 'refs/tags/v')")]
    public void Deploy_Environment_FromItsRef(string job, string environment, string condition)
    {
        var deploy = Job(job);

        Assert.Equal(environment, deploy.TextAt("environment"));
        Assert.Contains(condition, deploy.TextAt("if"), StringComparison.Ordinal);
        Assert.Equal("images", deploy.TextAt("needs"));
        Assert.Contains(Runs(job), run => run.Contains($"./build.ps1 deploy {environment} \"$GITHUB_SHA\"", StringComparison.Ordinal));
    }

    private static async Task<ToolResult> ValidateAsync(string path) =>
        await ExternalTool.RunAsync("node", [WorkflowValidatorFactAttribute.Script, path], ValidationTimeout);

    private static Dictionary<object, object?> Job(string name) =>
        YamlDocuments.ParseOne(RepositoryFiles.ReadText(Pipeline)).MappingAt("jobs").MappingAt(name) is { Count: > 0 } job
            ? job
            : throw new Xunit.Sdk.XunitException($"{Pipeline} has no job '{name}'.");

    private static List<object?> Steps(string job) => Job(job).SequenceAt("steps");

    private static List<string> Runs(string job) => Steps(job).Select(step => step.TextAt("run")).OfType<string>().ToList();
}
