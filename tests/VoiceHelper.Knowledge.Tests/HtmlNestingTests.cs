using System.Diagnostics;
using System.Text;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class HtmlNestingTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan MaxRejectTime = TimeSpan.FromSeconds(5);

    private readonly DocumentParser _parser = new();

    // Before the limit, AngleSharp took quadratic time on these: 100,000 nested div elements took over a minute.
    [Theory]
    [InlineData("<div>", "</div>", 100_000)]
    [InlineData("<div>", "", 100_000)]
    [InlineData("<b>", "", 100_000)]
    [InlineData("<span>", "</span>", 100_000)]
    [InlineData("<ul><li>", "", 30_000)]
    [InlineData("<table><tr><td>", "", 30_000)]
    public async Task DeeplyNestedPage_Throws_TooComplexQuickly(string open, string close, int depth)
    {
        var html = Page(NestedMarkup.Nest(open, "Text at the bottom", close, depth));
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DocumentParseException>(
            () => Task.Run(() => _parser.Parse(html, "deep.html")).WaitAsync(StepTimeout));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Equal("document_too_complex", error.Code);
        Assert.Contains("deep.html", error.Message, StringComparison.Ordinal);
        Assert.Contains("HTML elements", error.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Parsing:MaxHtmlNestingDepth", error.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < MaxRejectTime, $"Rejecting the page took {stopwatch.Elapsed}.");
    }

    // html and body are levels 1 and 2, so 14 div elements reach level 16.
    [Theory]
    [InlineData(14, true)]
    [InlineData(15, false)]
    public void NestingAtLimit_Parses_AndOneLevelDeeperThrows(int divs, bool parses)
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxHtmlNestingDepth = 16 });
        var html = Page(NestedMarkup.Nest("<div>", "Text at the bottom", "</div>", divs));

        var exception = Record.Exception(() => parser.Parse(html, "page.html"));

        if (parses)
        {
            Assert.Null(exception);
        }
        else
        {
            var error = Assert.IsType<DocumentParseException>(exception);
            Assert.Equal(DocumentParseError.TooComplex, error.Error);
            Assert.Contains("16 levels", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NestedWithinLimit_Parses_KeepsText()
    {
        var html = Page(NestedMarkup.Nest("<div>", "Text at the bottom", "</div>", depth: 200));

        var document = _parser.Parse(html, "page.html");

        Assert.Equal("Text at the bottom", document.Text);
    }

    // The largest allowed limit must not let the block walker overflow the stack of a thread-pool thread.
    [Fact]
    public async Task HighestAllowedLimit_DeepPage_ParsesOnThreadPool()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxHtmlNestingDepth = 2048 });
        var html = Page(NestedMarkup.Nest("<div>", "Text at the bottom", "</div>", depth: 2046));

        var document = await Task.Run(() => parser.Parse(html, "page.html")).WaitAsync(StepTimeout);

        Assert.Equal("Text at the bottom", document.Text);
    }

    // Reconstructing open formatting elements after a block closes creates elements without start tags.
    [Fact]
    public void ReopenedFormattingElements_OverLimit_ThrowTooComplex()
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxHtmlNestingDepth = 64 });
        var formatting = string.Concat(Enumerable.Range(0, 40).Select(i => $"<b id=\"b{i}\">"));
        var body = string.Concat(Enumerable.Repeat($"<p>{formatting}text</p>", 3)) + "tail";

        var error = Assert.Throws<DocumentParseException>(() => parser.Parse(Page(body), "reopened.html"));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
    }

    [Fact]
    public void MarkdownWithDeepHtmlBlock_Throws_TooComplex()
    {
        var markdown = "# Notes\n\n" + NestedMarkup.Nest("<div>", "Text at the bottom", "</div>", depth: 100_000) + "\n";

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(Encoding.UTF8.GetBytes(markdown), "notes.md"));

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Contains("HTML elements", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>document.write('hello');</script>")]
    [InlineData("<style>p { color: red; }</style><script>var x = 1;</script>")]
    [InlineData("<html><head><style>body { margin: 0; }</style></head><body><script>run();</script></body></html>")]
    public void OnlyScriptAndStyle_Throws_NoExtractableText(string html)
    {
        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(Encoding.UTF8.GetBytes(html), "app.html"));

        Assert.Equal(DocumentParseError.NoExtractableText, error.Error);
        Assert.Equal("document_no_text", error.Code);
    }

    private static byte[] Page(string body) =>
        Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><title>Deep</title></head><body>{body}</body></html>");
}
