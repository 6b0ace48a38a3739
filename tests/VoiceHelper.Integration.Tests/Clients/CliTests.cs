using System.Text.Json;
using VoiceHelper.Client;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Clients;

/// <summary>The <c>vh</c> command run as a process against the real services, as a script or a person would.</summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CliTests(ServiceFixture fixture) : IDisposable
{
    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";
    private static readonly string[] Pages = ["sql-vacuum.html", "sql-dropindex.html", "sql-reindex.html"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("vh-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Vh_IngestFolderAskChatHistory_Works()
    {
        var knowledgeBase = $"cli-{Guid.NewGuid():N}";
        var documents = Directory.CreateDirectory(Path.Combine(_folder.FullName, "manual"));
        foreach (var page in Pages)
        {
            File.Copy(Path.Combine(ManualFolder, page), Path.Combine(documents.FullName, page));
        }

        // A real file of a type the gateway does not parse: a folder ingest skips it.
        File.Copy("/usr/share/doc/postgresql-doc-15/copyright", Path.Combine(documents.FullName, "copyright"));

        var create = await VhAsync(["kb", "create", knowledgeBase]);
        var ingest = await VhAsync(["ingest", "--kb", knowledgeBase, documents.FullName, "--json"]);
        var ask = await VhAsync(["ask", "--kb", knowledgeBase, "What does VACUUM FULL do?"]);
        var chat = await VhAsync(["chat", "--kb", knowledgeBase, "--json"],
            input: "What does VACUUM FULL do?\n\nHow do I drop an index?\n");
        var turns = chat.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var conversationId = turns[0].GetProperty("conversation_id").GetString()!;
        var history = await VhAsync(["history", conversationId, "--json"]);
        var humanHistory = await VhAsync(["history", conversationId]);

        var files = JsonDocument.Parse(ingest.Output).RootElement.GetProperty("files").EnumerateArray().ToList();
        var messages = JsonDocument.Parse(history.Output).RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(Pages.Length, files.Count);
        Assert.All(files, file => Assert.Equal("indexed", file.GetProperty("status").GetString()));
        Assert.Equal(1, JsonDocument.Parse(ingest.Output).RootElement.GetProperty("skipped").GetInt32());
        Assert.True(ask.ExitCode == 0, ask.ToString());
        Assert.Contains("Sources:", ask.Output, StringComparison.Ordinal);
        Assert.Contains("[1] VACUUM", ask.Output, StringComparison.Ordinal);
        // The heading path "VACUUM > ..." already starts with the page title, which is not repeated before it.
        Assert.DoesNotContain("VACUUM / VACUUM", ask.Output, StringComparison.Ordinal);
        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.Equal(2, turns.Count);
        Assert.All(turns, turn => Assert.Equal("completed", turn.GetProperty("status").GetString()));
        Assert.Equal(conversationId, turns[1].GetProperty("conversation_id").GetString());
        Assert.Equal("VACUUM", turns[0].GetProperty("sources")[0].GetProperty("title").GetString());
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(message => message.GetProperty("role").GetString()));
        Assert.Equal("How do I drop an index?", messages[2].GetProperty("text").GetString());
        Assert.Equal(turns[1].GetProperty("answer").GetString(), messages[3].GetProperty("text").GetString());
        Assert.Contains("[4] assistant", humanHistory.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_ChatFromPipe_EchoesQuestionAndListsSources()
    {
        var knowledgeBase = await CreateKnowledgeBaseWithVacuumPageAsync();

        var chat = await VhAsync(["chat", "--kb", knowledgeBase], input: "What does VACUUM FULL do?\n");

        Assert.True(chat.ExitCode == 0, chat.ToString());
        Assert.StartsWith("> What does VACUUM FULL do?\n", chat.Output, StringComparison.Ordinal);
        Assert.Contains("Sources:\n  [1] VACUUM", chat.Output, StringComparison.Ordinal);
        Assert.Contains("Conversation ", chat.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_InvalidApiKey_ExitsWithAuthenticationCode()
    {
        var result = await VhAsync(["kb", "list"], apiKey: "vh_invalidinvalidinvalidinvalidinvalid00");

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("vh: invalid_api_key: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Vh_UnknownKnowledgeBaseName_ExitsWithNotFoundCode()
    {
        var result = await VhAsync(["ask", "--kb", $"missing-{Guid.NewGuid():N}", "What does VACUUM FULL do?"]);

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("vh: knowledge_base_not_found: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_UnknownKnowledgeBaseId_ReportsGatewayCodeAsJson()
    {
        var result = await VhAsync(["kb", "show", Guid.NewGuid().ToString(), "--json"]);

        var error = JsonDocument.Parse(result.Error).RootElement.GetProperty("error");
        Assert.Equal(5, result.ExitCode);
        Assert.Equal("knowledge_base_not_found", error.GetProperty("code").GetString());
        Assert.Equal(5, error.GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task Vh_IngestWithMissingFile_ExitsWithIngestFailedCode()
    {
        var knowledgeBase = await CreateKnowledgeBaseWithVacuumPageAsync();
        var missing = Path.Combine(_folder.FullName, "missing.html");

        var result = await VhAsync(["ingest", "--kb", knowledgeBase, missing, Path.Combine(ManualFolder, "sql-vacuum.html")]);

        Assert.Equal(9, result.ExitCode);
        Assert.Contains($"failed     {missing}  file_not_found", result.Output, StringComparison.Ordinal);
        Assert.Contains("unchanged", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_KeysCreateAndRevoke_RevokedKeyExitsWithAuthenticationCode()
    {
        var created = await VhAsync(["keys", "create", "cli test"], apiKey: fixture.AdminKeyOfTenantB);
        var key = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var usage = await VhAsync(["usage"], apiKey: key);
        var keys = await VhAsync(["keys", "list", "--json"], apiKey: fixture.AdminKeyOfTenantB);
        var keyId = JsonDocument.Parse(keys.Output).RootElement.EnumerateArray()
            .Single(entry => key.StartsWith(entry.GetProperty("prefix").GetString()!, StringComparison.Ordinal)
                && entry.GetProperty("name").GetString() == "cli test")
            .GetProperty("id").GetString()!;

        var revoke = await VhAsync(["keys", "revoke", keyId], apiKey: fixture.AdminKeyOfTenantB);
        var rejected = await VhAsync(["usage"], apiKey: key);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(usage.ExitCode == 0, usage.ToString());
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(3, rejected.ExitCode);
    }

    [Fact]
    public async Task Vh_KeysWithoutAdmin_ExitsWithPermissionCode()
    {
        var result = await VhAsync(["keys", "list"], apiKey: fixture.KeyOfTenantB);

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("vh: forbidden: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_NothingListening_ExitsWithUnavailableCode()
    {
        var result = await VhAsync(["kb", "list"], url: $"http://127.0.0.1:{TestEnvironment.FreePort()}");

        Assert.Equal(7, result.ExitCode);
        Assert.StartsWith("vh: connection_failed: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_NoApiKeyAnywhere_ExitsWithUsageCode()
    {
        var result = await VhAsync(["kb", "list"], withoutApiKey: true);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("vh: usage_error: No API key.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vh_UnknownCommand_ExitsWithUsageCode()
    {
        var result = await VhAsync(["kb", "rename"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("vh: usage_error: ", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> CreateKnowledgeBaseWithVacuumPageAsync()
    {
        using var client = SdkClients.Create(fixture.GatewayGrpcAddress, fixture.AdminKeyOfTenantA);
        var knowledgeBase = await client.Knowledge.CreateKnowledgeBaseAsync($"cli-{Guid.NewGuid():N}");
        await client.Knowledge.UploadDocumentAsync(knowledgeBase.Id, Path.Combine(ManualFolder, "sql-vacuum.html"),
            new UploadOptions { WaitUntilIndexed = true });
        return knowledgeBase.Name;
    }

    // Runs vh with tenant A's administrator key unless told otherwise. The working folder is a fresh temporary one,
    // so vh finds no .data/dev-api-key of a checkout.
    private Task<CommandRunner.Result> VhAsync(string[] arguments, string? input = null, string? url = null,
        string? apiKey = null, bool withoutApiKey = false)
    {
        var environment = new Dictionary<string, string>
        {
            ["VOICEHELPER_URL"] = url ?? fixture.GatewayGrpcAddress.ToString(),
            ["VOICEHELPER_API_KEY"] = withoutApiKey ? string.Empty : apiKey ?? fixture.AdminKeyOfTenantA,
        };
        return ClientProcess.RunAsync(TestEnvironment.CliAssembly, arguments, environment, input, _folder.FullName);
    }
}
