using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// A disaster drill on the real service: documents ingested and conversations held through the REST API on a
/// PostgreSQL server of the test's own, a backup with <c>build.ps1 backup</c>, the server killed and its data
/// folder deleted, a new empty server, <c>build.ps1 restore</c>, and new silo and gateway processes. It records
/// what the service returned before the loss and after the recovery, for the tests to compare.
/// </summary>
public sealed class DisasterDrillFixture : IAsyncLifetime
{
    public const string Database = "voicehelper_drill";

    /// <summary>Real pages of the PostgreSQL 15 manual from Debian's postgresql-doc-15.</summary>
    public static readonly string[] Pages = ["sql-createindex.html", "sql-dropindex.html", "sql-vacuum.html", "indexes-unique.html"];

    public static readonly string[] Questions =
    [
        "How do I drop an index?",
        "How do I create a unique index?",
        "What does VACUUM FULL do?",
        "Can an index be built without locking out writes?",
    ];

    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    private readonly string _serviceId = $"drill-{Guid.NewGuid():N}";
    private readonly string _backupRoot = Directory.CreateTempSubdirectory("voicehelper-drill-backups-").FullName;
    private DrillServices? _services;

    public ScratchPostgresServer Server { get; } = new();

    public string ApiKey { get; private set; } = "";

    public Guid KnowledgeBaseId { get; private set; }

    public IReadOnlyList<Guid> ConversationIds { get; private set; } = [];

    /// <summary>The folder that <c>build.ps1 backup</c> wrote.</summary>
    public string BackupFolder { get; private set; } = "";

    /// <summary>What the search endpoint returned for each question before the loss and after the recovery.</summary>
    public Dictionary<string, IReadOnlyList<string>> SearchBefore { get; } = [];

    public Dictionary<string, IReadOnlyList<string>> SearchAfter { get; } = [];

    /// <summary>The sources that /ask cited for each question before the loss and after the recovery.</summary>
    public Dictionary<string, IReadOnlyList<string>> AskBefore { get; } = [];

    public Dictionary<string, IReadOnlyList<string>> AskAfter { get; } = [];

    /// <summary>The turns of each conversation that the service acknowledged, and what it lists after the recovery.</summary>
    public Dictionary<Guid, IReadOnlyList<string>> TurnsAcknowledged { get; } = [];

    public Dictionary<Guid, IReadOnlyList<string>> TurnsAfter { get; } = [];

    public TimeSpan RestoreTime { get; private set; }

    public TimeSpan RestartTime { get; private set; }

    public long BackupBytes { get; private set; }

    public string RestoreOutput { get; private set; } = "";

    public string ConnectionString => Server.ConnectionString(Database);

    public async Task InitializeAsync()
    {
        await Server.StartNewAsync();
        await Server.CreateMigratedDatabaseAsync(Database);
        _services = await DrillServices.StartAsync(ConnectionString, _serviceId);
        ApiKey = await _services.CreateAdminKeyAsync("drill");

        using (var client = _services.CreateClient(ApiKey))
        {
            await IngestAsync(client);
            await ConverseAsync(client);
            await RecordAnswersAsync(client, SearchBefore, AskBefore);
        }

        await BackUpAsync();
        await _services.DisposeAsync();
        _services = null;

        await Server.DestroyAsync();
        await Server.StartNewAsync();
        await RecoverAsync();

        using (var client = _services!.CreateClient(ApiKey))
        {
            await RecordAnswersAsync(client, SearchAfter, AskAfter);
            foreach (var conversationId in ConversationIds)
            {
                TurnsAfter[conversationId] = Describe(await ReadMessagesAsync(client, conversationId));
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Server.DisposeAsync();
        Directory.Delete(_backupRoot, recursive: true);
    }

    /// <summary>Returns a new folder under the drill's backup folder.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(_backupRoot, name)).FullName;

    private async Task IngestAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/knowledge-bases", new { name = "manual" });
        var body = await ReadJsonAsync(created);
        Assert.True(created.IsSuccessStatusCode, $"Creating the knowledge base failed: {body}");
        KnowledgeBaseId = body.GetProperty("id").GetGuid();

        var documentIds = new List<Guid>();
        foreach (var page in Pages)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(ManualPages.Folder, page)));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
            using var form = new MultipartFormDataContent { { file, "file", page } };
            using var upload = await client.PostAsync($"/api/v1/knowledge-bases/{KnowledgeBaseId}/documents", form);
            var uploaded = await ReadJsonAsync(upload);
            Assert.True(upload.IsSuccessStatusCode, $"Uploading {page} failed: {(int)upload.StatusCode} {uploaded}");
            documentIds.Add(uploaded.GetProperty("id").GetGuid());
        }

        foreach (var documentId in documentIds)
        {
            await WaitUntilIndexedAsync(client, documentId);
        }
    }

    private async Task WaitUntilIndexedAsync(HttpClient client, Guid documentId)
    {
        var deadline = DateTime.UtcNow + IngestTimeout;
        var status = "unknown";
        while (DateTime.UtcNow < deadline && status is not ("indexed" or "failed"))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            using var response = await client.GetAsync($"/api/v1/knowledge-bases/{KnowledgeBaseId}/documents/{documentId}");
            status = (await ReadJsonAsync(response)).GetProperty("status").GetString() ?? "null";
        }

        Assert.True(status == "indexed", $"Document {documentId} ended as '{status}' within {IngestTimeout}.");
    }

    // Two conversations of two turns each; a turn counts as acknowledged when the service returned 200 for it.
    private async Task ConverseAsync(HttpClient client)
    {
        var conversations = new List<Guid>();
        foreach (var questions in new[] { Questions[..2], Questions[2..] })
        {
            using var created = await client.PostAsJsonAsync("/api/v1/conversations",
                new { title = "drill", knowledge_base_id = KnowledgeBaseId });
            var conversationId = (await ReadJsonAsync(created)).GetProperty("id").GetGuid();
            foreach (var question in questions)
            {
                using var response = await SendMessageAsync(client, conversationId, question);
                Assert.True(response.StatusCode == HttpStatusCode.OK,
                    $"The message '{question}' was not acknowledged: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            TurnsAcknowledged[conversationId] = Describe(await ReadMessagesAsync(client, conversationId));
            conversations.Add(conversationId);
        }

        ConversationIds = conversations;
    }

    private async Task RecordAnswersAsync(
        HttpClient client, Dictionary<string, IReadOnlyList<string>> search, Dictionary<string, IReadOnlyList<string>> ask)
    {
        foreach (var question in Questions)
        {
            using var searched = await client.PostAsJsonAsync($"/api/v1/knowledge-bases/{KnowledgeBaseId}/search",
                new { query = question, top_k = 5 });
            var results = await ReadJsonAsync(searched);
            Assert.True(searched.IsSuccessStatusCode, $"Searching '{question}' failed: {results}");
            search[question] = results.GetProperty("results").EnumerateArray()
                .Select(hit => $"{hit.GetProperty("document_id")} | {hit.GetProperty("heading")} | {hit.GetProperty("text")}")
                .ToList();

            using var asked = await client.PostAsJsonAsync($"/api/v1/knowledge-bases/{KnowledgeBaseId}/ask",
                new { question, top_k = 5 });
            var answer = await ReadJsonAsync(asked);
            Assert.True(asked.IsSuccessStatusCode, $"Asking '{question}' failed: {answer}");
            ask[question] = answer.GetProperty("sources").EnumerateArray()
                .Select(source => JsonSerializer.Serialize(source, Compact))
                .ToList();
        }
    }

    private async Task BackUpAsync()
    {
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            "backup", "-Postgres", ConnectionString, "-Output", NewFolder("scheduled"));
        Assert.True(result.ExitCode == 0, $"build.ps1 backup failed: {result.Text}");
        BackupFolder = Directory.GetDirectories(Path.Combine(_backupRoot, "scheduled"), "voicehelper-*").Single();
        BackupBytes = new DirectoryInfo(BackupFolder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
    }

    // The recovery an operator runs: restore into the new server, then start the services on it.
    private async Task RecoverAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            "restore", BackupFolder, "-Postgres", ConnectionString);
        Assert.True(result.ExitCode == 0, $"build.ps1 restore failed: {result.Text}");
        RestoreTime = stopwatch.Elapsed;
        RestoreOutput = result.Output;

        stopwatch.Restart();
        _services = await DrillServices.StartAsync(ConnectionString, _serviceId);
        RestartTime = stopwatch.Elapsed;
    }

    private static List<string> Describe(IReadOnlyList<JsonElement> messages) =>
        messages.Select(message => string.Join(" | ",
                message.GetProperty("id"), message.GetProperty("sequence"), message.GetProperty("role"),
                message.GetProperty("status"), message.GetProperty("text"),
                JsonSerializer.Serialize(message.GetProperty("sources"), Compact)))
            .ToList();
}
