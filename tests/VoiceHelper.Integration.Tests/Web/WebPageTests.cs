using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using VoiceHelper.Integration.Tests.Infrastructure;
using VoiceHelper.Integration.Tests.Realtime;
using Xunit.Abstractions;

namespace VoiceHelper.Integration.Tests.Web;

/// <summary>
/// The gateway's web page in Debian's Chromium, driven by Playwright: sign in, create a knowledge base, upload
/// PostgreSQL manual pages, ask by typing and by speaking into a microphone that plays a LibriVox recording, and
/// find the conversation again in the history. Each step saves a screenshot under <c>artifacts/web/</c> of the
/// repository.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebPageTests(ServiceFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Question = "How do I drop an index?";
    private static readonly string[] UploadedTitles = ["DROP INDEX", "CREATE INDEX", "VACUUM"];
    private static readonly TimeSpan VoiceStepTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] UploadedPages = ["sql-dropindex.html", "sql-createindex.html", "sql-vacuum.html"];
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(3);

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _apiKey = string.Empty;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ChromiumPath,
            Headless = true,
        });
        _apiKey = await fixture.CreateKeyAsync($"web-{Guid.NewGuid():N}", admin: true);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [Fact]
    public async Task Page_UploadAndAsk_ShowsCitedAnswer()
    {
        var page = await OpenSignedInAsync();
        await CreateKnowledgeBaseAsync(page, "manual");
        await UploadAsync(page);
        await Screenshot(page, "3-documents-indexed");

        await page.FillAsync("#message-text", Question);
        await page.PressAsync("#message-text", "Enter");
        var answer = page.Locator(".turn.assistant").Last;
        await Assertions.Expect(answer.Locator(".sources")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Screenshot(page, "4-answer");

        Assert.Equal(Question, await page.Locator(".turn.user .text").Last.TextContentAsync());
        Assert.NotEmpty((await answer.Locator(".text").TextContentAsync())?.Trim() ?? string.Empty);
        Assert.Equal("DROP INDEX", await answer.Locator(".sources li strong").First.TextContentAsync());
    }

    [Fact]
    public async Task Page_Reloaded_ShowsConversationInHistory()
    {
        var page = await OpenSignedInAsync();
        await CreateKnowledgeBaseAsync(page, "history");
        await page.FillAsync("#message-text", "Remember this question?");
        await page.PressAsync("#message-text", "Enter");
        await Assertions.Expect(page.Locator(".turn.assistant .status")).ToBeAttachedAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#send")).ToBeEnabledAsync(new() { Timeout = 60_000 });

        await page.ReloadAsync();
        await page.Locator("#conversation-list button", new() { HasText = "Remember this question?" }).ClickAsync();
        await Assertions.Expect(page.Locator(".turn")).ToHaveCountAsync(2);
        await Screenshot(page, "5-history");

        Assert.Equal("Remember this question?", await page.Locator(".turn.user .text").TextContentAsync());
    }

    [Fact]
    public async Task Send_WhilePosting_IsDisabled()
    {
        var page = await OpenSignedInAsync();
        await CreateKnowledgeBaseAsync(page, "send");
        var release = new TaskCompletionSource();
        // Holds the message's POST until the test has tried to send again.
        await page.RouteAsync("**/api/v1/conversations/*/messages", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.FillAsync("#message-text", "First message");
        await page.PressAsync("#message-text", "Enter");
        await Assertions.Expect(page.Locator("#send")).ToBeDisabledAsync();
        await page.FillAsync("#message-text", "Second message");
        await page.PressAsync("#message-text", "Enter");
        release.SetResult();
        await Assertions.Expect(page.Locator(".turn.assistant .status")).ToBeAttachedAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#send")).ToBeEnabledAsync(new() { Timeout = 60_000 });

        Assert.Equal(["First message"], await page.Locator(".turn.user .text").AllTextContentsAsync());
        Assert.Equal("Second message", await page.InputValueAsync("#message-text"));
    }

    [Fact]
    public async Task SignIn_WrongKey_ShowsError()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(fixture.GatewayAddress.ToString());

        await page.FillAsync("#api-key", "vh_not_a_real_key");
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("rejected");

        Assert.False(await page.Locator("#workspace").IsVisibleAsync());
    }

    [Fact]
    public async Task Page_Response_SendsContentSecurityPolicy()
    {
        var page = await _browser!.NewPageAsync();

        var response = await page.GotoAsync(fixture.GatewayAddress.ToString());

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("default-src 'self'", await response.HeaderValueAsync("content-security-policy"));
    }

    [Fact]
    public async Task Page_SpokenTurns_AnswerAndInterrupt()
    {
        var (recording, _) = Recordings.LibriVoxUtterance("0880");
        // The recording's first words, "he was not" (0.2 s to 1.05 s), followed by a long silence, so that Chromium's
        // loop of the file does not start a turn of its own during the test.
        var reference = "he was not";
        var words = Recordings.ReadWave(recording).AsSpan(3_200, 13_600).ToArray();
        var wave = Browser.WriteMicrophoneWave("microphone-0880-start.wav", words, TimeSpan.FromSeconds(60));
        await using var browser = await LaunchWithMicrophoneAsync(wave);
        var page = await OpenSignedInAsync(browser);
        await CreateKnowledgeBaseAsync(page, "voice");
        await UploadAsync(page);
        // No recording of pocketsphinx-testdata is a question about PostgreSQL, so a typed question sets the topic.
        // The spoken turns have fewer than three content words, so the service reads them as its follow-ups.
        await page.FillAsync("#message-text", Question);
        await page.PressAsync("#message-text", "Enter");
        await Assertions.Expect(page.Locator(".turn.assistant .sources")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#send")).ToBeEnabledAsync(new() { Timeout = 60_000 });

        await page.ClickAsync("#voice-toggle");
        var question = page.Locator(".turn.user[data-status=completed]").First;
        await Assertions.Expect(question).ToBeVisibleAsync(new() { Timeout = Milliseconds(VoiceStepTimeout) });
        await Screenshot(page, "6-voice-transcript");
        await Assertions.Expect(page.Locator("#voice")).ToHaveAttributeAsync(
            "data-playback", "playing", new() { Timeout = Milliseconds(VoiceStepTimeout) });
        await Screenshot(page, "7-voice-answer-playing");

        // Unmuting opens the microphone again, which restarts the recording: a second spoken turn over the answer.
        await page.ClickAsync("#voice-mute");
        await page.ClickAsync("#voice-mute");
        var firstAnswer = page.Locator(".turn.assistant").Nth(1);
        await Assertions.Expect(firstAnswer).ToHaveAttributeAsync(
            "data-played-ms", new Regex("^[1-9][0-9]*$"), new() { Timeout = Milliseconds(VoiceStepTimeout) });
        await Screenshot(page, "8-voice-interrupted");
        var secondAnswer = page.Locator(".turn.assistant").Nth(2);
        await Assertions.Expect(secondAnswer).ToHaveAttributeAsync(
            "data-status", "completed", new() { Timeout = Milliseconds(VoiceStepTimeout) });
        await Screenshot(page, "9-voice-second-answer");

        var transcript = await question.Locator(".text").TextContentAsync() ?? string.Empty;
        output.WriteLine($"Recognized '{transcript}' for '{reference}' (word error rate " +
            $"{Recordings.WordErrorRate(reference, transcript):P0}).");
        output.WriteLine($"Interrupted answer: '{await firstAnswer.Locator(".text").TextContentAsync()}'. Second turn: " +
            $"'{await page.Locator(".turn.user").Nth(2).Locator(".text").TextContentAsync()}', answered " +
            $"'{await secondAnswer.Locator(".text").TextContentAsync()}'.");
        var turns = await ReadStoredTurnsAsync(page);
        var interruptedText = await firstAnswer.Locator(".text").TextContentAsync() ?? string.Empty;
        var heardTitles = await firstAnswer.Locator(".sources li strong").AllTextContentsAsync();
        var secondTitles = await secondAnswer.Locator(".sources li strong").AllTextContentsAsync();

        Assert.NotEmpty(transcript.Trim());
        Assert.Equal(transcript, turns[2].GetProperty("text").GetString());
        Assert.Equal(["text", "text", "voice", "voice", "voice", "voice"], turns.Select(turn => turn.GetProperty("modality").GetString()));
        Assert.Equal("cancelled", await firstAnswer.GetAttributeAsync("data-status"));
        Assert.StartsWith("Interrupted after", await firstAnswer.Locator(".status").TextContentAsync());
        // The service keeps the sentences that began to play, and keeps the turn whole when all of them had.
        Assert.StartsWith(turns[3].GetProperty("text").GetString()!, interruptedText);
        Assert.Contains("DROP INDEX", heardTitles);
        Assert.Equal(SourceTitles(turns[3]), heardTitles);
        Assert.All(heardTitles, title => Assert.Contains(title, UploadedTitles));
        Assert.Equal("completed", turns[5].GetProperty("status").GetString());
        Assert.Contains("DROP INDEX", secondTitles);
        Assert.Equal(SourceTitles(turns[5]), secondTitles);
    }

    [Fact]
    public async Task Page_PushToTalkWithKeyboard_SendsTurn()
    {
        var (recording, _) = Recordings.LibriVoxUtterance("0880");
        var speech = Recordings.ReadWave(recording);
        // A second of silence first, so the recording starts after the key is down.
        var samples = new short[16_000].Concat(speech).ToArray();
        var wave = Browser.WriteMicrophoneWave("microphone-0880-late.wav", samples, TimeSpan.FromSeconds(60));
        await using var browser = await LaunchWithMicrophoneAsync(wave);
        var page = await OpenSignedInAsync(browser);
        await CreateKnowledgeBaseAsync(page, "push-to-talk");
        await page.CheckAsync("input[name=voice-mode][value=push-to-talk]");
        await page.ClickAsync("#voice-toggle");
        var talk = page.Locator("#push-to-talk");
        await Assertions.Expect(talk).ToBeEnabledAsync(new() { Timeout = Milliseconds(VoiceStepTimeout) });

        // Muting and unmuting opens the microphone again, which starts the recording from its beginning.
        await page.ClickAsync("#voice-mute");
        await page.ClickAsync("#voice-mute");
        await talk.FocusAsync();
        await page.Keyboard.DownAsync(" ");
        await Assertions.Expect(talk).ToHaveAttributeAsync("aria-pressed", "true");
        // Holding the key while the recording plays is the user's input, not a check.
        await Task.Delay(TimeSpan.FromSeconds(1.5 + (speech.Length / 16_000.0)));
        await page.Keyboard.UpAsync(" ");
        var question = page.Locator(".turn.user[data-status=completed]");
        await Assertions.Expect(question).ToHaveCountAsync(1, new() { Timeout = Milliseconds(VoiceStepTimeout) });
        var answer = page.Locator(".turn.assistant[data-status]");
        await Assertions.Expect(answer).ToHaveCountAsync(1, new() { Timeout = Milliseconds(VoiceStepTimeout) });
        await Screenshot(page, "10-push-to-talk");

        var turns = await ReadStoredTurnsAsync(page);
        Assert.Equal("false", await talk.GetAttributeAsync("aria-pressed"));
        Assert.NotEmpty((await question.Locator(".text").TextContentAsync())?.Trim() ?? string.Empty);
        Assert.Equal("completed", await answer.GetAttributeAsync("data-status"));
        Assert.Equal(["voice", "voice"], turns.Select(turn => turn.GetProperty("modality").GetString()));
        Assert.DoesNotContain(await page.Locator(".turn .status").AllTextContentsAsync(), status => status == "Listening…");
    }

    private static List<string> SourceTitles(JsonElement turn) =>
        turn.GetProperty("sources").EnumerateArray().Select(source => source.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task Page_VoiceConnectionCut_ResumesAnswer()
    {
        var (recording, _) = Recordings.LibriVoxUtterance("0880");
        var wave = Browser.WriteMicrophoneWave("microphone-0880.wav", Recordings.ReadWave(recording), TimeSpan.FromSeconds(60));
        await using var relay = TcpRelay.Start(fixture.GatewayAddress);
        await using var browser = await LaunchWithMicrophoneAsync(wave);
        var page = await OpenSignedInAsync(browser, relay.Address);
        await CreateKnowledgeBaseAsync(page, "reconnect");
        await page.ClickAsync("#voice-toggle");
        await Assertions.Expect(page.Locator(".turn.user[data-status=completed]")).ToHaveCountAsync(
            1, new() { Timeout = Milliseconds(VoiceStepTimeout) });
        var connectionsBefore = relay.AcceptedCount;

        relay.CutConnections();
        await Assertions.Expect(page.Locator("#voice")).ToHaveAttributeAsync(
            "data-resumed", "1", new() { Timeout = Milliseconds(VoiceStepTimeout) });
        var answer = page.Locator(".turn.assistant[data-status]");
        await Assertions.Expect(answer).ToHaveCountAsync(1, new() { Timeout = Milliseconds(VoiceStepTimeout) });
        await Screenshot(page, "11-voice-reconnected");

        Assert.True(relay.AcceptedCount > connectionsBefore, "The page opened no new connection after the cut.");
        Assert.Equal(1, await page.Locator(".turn.assistant").CountAsync());
        Assert.Equal(1, await page.Locator(".turn.user").CountAsync());
        Assert.Equal("listening", await page.Locator("#voice").GetAttributeAsync("data-state"));
        Assert.Empty(await page.Locator("#voice-error").TextContentAsync() ?? string.Empty);
    }

    [Fact]
    public async Task Page_MicrophoneDenied_ShowsError()
    {
        // A fake device without the switch that grants it: Playwright's browser context denies the permission.
        await using var browser = await _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ChromiumPath,
            Headless = true,
            Args = ["--use-fake-device-for-media-stream"],
        });
        var page = await OpenSignedInAsync(browser);
        await CreateKnowledgeBaseAsync(page, "denied");

        await page.ClickAsync("#voice-toggle");

        await Assertions.Expect(page.Locator("#voice-error")).ToContainTextAsync("Microphone access was denied");
        await Assertions.Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-state", "off");
        Assert.Equal("Start voice", await page.Locator("#voice-toggle").TextContentAsync());
    }

    private Task<IBrowser> LaunchWithMicrophoneAsync(string wavePath) =>
        _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Browser.ChromiumPath,
            Headless = true,
            Args = Browser.FakeMicrophoneArguments(wavePath),
        });

    // The turns of the page's current conversation, as the REST API stores them, oldest first.
    private async Task<List<JsonElement>> ReadStoredTurnsAsync(IPage page)
    {
        var conversationId = await page.Locator("#conversation-list button[aria-current=true]").GetAttributeAsync("data-conversation-id");
        using var client = fixture.CreateClient(_apiKey);
        using var response = await client.GetAsync($"/api/v1/conversations/{conversationId}/messages?limit=50");
        var body = await GatewayCalls.ReadJsonAsync(response);
        return body.GetProperty("messages").EnumerateArray().ToList();
    }

    private static float Milliseconds(TimeSpan span) => (float)span.TotalMilliseconds;

    private Task<IPage> OpenSignedInAsync() => OpenSignedInAsync(_browser!);

    private async Task<IPage> OpenSignedInAsync(IBrowser browser, Uri? address = null)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync((address ?? fixture.GatewayAddress).ToString());
        await Screenshot(page, "1-sign-in");
        await page.FillAsync("#api-key", _apiKey);
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await Assertions.Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        return page;
    }

    private static async Task CreateKnowledgeBaseAsync(IPage page, string name)
    {
        await page.FillAsync("#kb-name", name);
        await page.ClickAsync("#kb-create-form button");
        await Assertions.Expect(page.Locator("#kb-select option:checked")).ToHaveTextAsync(name);
        await Screenshot(page, "2-knowledge-base");
    }

    private static async Task UploadAsync(IPage page)
    {
        await page.SetInputFilesAsync("#upload-files", UploadedPages.Select(name => Path.Combine(ManualPages.Folder, name)));
        await page.ClickAsync("#upload-form button");
        var rows = page.Locator("#document-table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(UploadedPages.Length);
        var indexed = page.Locator("#document-table tbody td.indexed");
        await Assertions.Expect(indexed).ToHaveCountAsync(
            UploadedPages.Length, new() { Timeout = (float)IngestTimeout.TotalMilliseconds });
    }

    private static Task Screenshot(IPage page, string step) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotFolder, $"{step}.png"), FullPage = true });
}
