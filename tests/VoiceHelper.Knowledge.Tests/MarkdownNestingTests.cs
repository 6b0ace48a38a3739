using System.Text;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Tests;

[Trait("Category", "Unit")]
public sealed class MarkdownNestingTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly DocumentParser _parser = new();

    public static TheoryData<string, string> DeepDocuments => new()
    {
        { "block quotes", new string('>', 1000) + " Text at the bottom\n" },
        { "lists", string.Concat(Enumerable.Range(0, 1000).Select(level => new string(' ', 2 * level) + "- item\n")) },
        { "ordered lists", string.Concat(Enumerable.Range(0, 1000).Select(level => new string(' ', 3 * level) + "1. item\n")) },
        { "emphasis", NestedMarkup.Nest("*a ", "Text at the bottom", " a*", 10_000) },
    };

    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public void DeeplyNestedMarkdown_Throws_TooComplex(string kind, string markdown)
    {
        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(Encoding.UTF8.GetBytes(markdown), "deep.md"));

        Assert.True(error.Error == DocumentParseError.TooComplex, $"Deep {kind} gave {error.Error}: {error.Message}");
        Assert.Equal("document_too_complex", error.Code);
        Assert.Contains("deep.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("128 levels", error.Message, StringComparison.Ordinal);
        Assert.Contains("Knowledge:Parsing:MaxMarkdownNestingDepth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingWithinLimit_Parses_KeepsText()
    {
        var markdown = new string('>', 50) + " Text at the bottom\n";

        var document = _parser.Parse(Encoding.UTF8.GetBytes(markdown), "quotes.md");

        Assert.Equal("Text at the bottom", document.Text);
    }

    [Fact]
    public void RaisedLimit_AcceptsDeeperNesting()
    {
        var markdown = Encoding.UTF8.GetBytes(new string('>', 200) + " Text at the bottom\n");
        var parser = new DocumentParser(new DocumentParserOptions { MaxMarkdownNestingDepth = 256 });

        var error = Assert.Throws<DocumentParseException>(() => _parser.Parse(markdown, "quotes.md"));
        var document = parser.Parse(markdown, "quotes.md");

        Assert.Equal(DocumentParseError.TooComplex, error.Error);
        Assert.Equal("Text at the bottom", document.Text);
    }

    // The largest allowed limit must not let Markdig or the block walker overflow the stack of a thread-pool thread.
    [Theory]
    [MemberData(nameof(DeepDocuments))]
    public async Task HighestAllowedLimit_DeepMarkdown_ParsesOnThreadPool(string kind, string markdown)
    {
        var parser = new DocumentParser(new DocumentParserOptions { MaxMarkdownNestingDepth = 1024 });
        var bytes = Encoding.UTF8.GetBytes(markdown);

        var exception = await Record.ExceptionAsync(() => Task.Run(() => parser.Parse(bytes, "deep.md")).WaitAsync(StepTimeout));

        Assert.True(exception is null or DocumentParseException { Error: DocumentParseError.TooComplex },
            $"Deep {kind} gave {exception}");
    }
}
