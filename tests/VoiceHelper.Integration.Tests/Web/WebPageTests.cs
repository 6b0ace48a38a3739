using Microsoft.Playwright;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Web;

/// <summary>
/// The gateway's web page in Debian's Chromium, driven by Playwright: sign in, create a knowledge base, upload
/// PostgreSQL manual pages, ask, and find the conversation again in the history. Each step saves a screenshot under
/// <c>artifacts/web/</c> of the repository.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebPageTests(ServiceFixture fixture) : IAsyncLifetime
{
    private const string Question = "How do I drop an index?";
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

    private async Task<IPage> OpenSignedInAsync()
    {
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(fixture.GatewayAddress.ToString());
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
