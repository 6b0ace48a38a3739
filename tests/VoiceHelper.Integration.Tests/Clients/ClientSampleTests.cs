using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>The example of the SDK's README: the same code as the sample project, and it runs.</summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClientSampleTests(ServiceFixture fixture)
{
    [Fact]
    public void Readme_CSharpExample_IsSampleProgram()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "client", "VoiceHelper.Client", "README.md"));
        var program = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "client", "VoiceHelper.Client.Sample", "Program.cs"));

        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        Assert.True(start > "```csharp\n".Length - 1, "The README has no csharp code block.");
        Assert.Equal(program, readme[start..end]);
    }

    [Fact]
    public async Task Sample_AgainstServices_AnswersWithVacuumPage()
    {
        var environment = new Dictionary<string, string>
        {
            ["VOICEHELPER_URL"] = fixture.GatewayGrpcAddress.ToString(),
            ["VOICEHELPER_API_KEY"] = fixture.AdminKeyOfTenantA,
        };

        var result = await ClientProcess.RunAsync(TestEnvironment.ClientSampleAssembly,
            ["/usr/share/doc/postgresql-doc-15/html/sql-vacuum.html"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sql-vacuum.html: Indexed", result.Output, StringComparison.Ordinal);
        Assert.Contains("  source: VACUUM", result.Output, StringComparison.Ordinal);
        Assert.Contains("answer Completed", result.Output, StringComparison.Ordinal);
        Assert.Contains("you said: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("spoken answer Completed, ", result.Output, StringComparison.Ordinal);
        Assert.Contains("knowledge_base_not_found: ", result.Output, StringComparison.Ordinal);
    }
}
