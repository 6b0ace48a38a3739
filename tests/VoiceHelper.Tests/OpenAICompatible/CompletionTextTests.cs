using VoiceHelper.Gateway.OpenAI;

namespace VoiceHelper.Tests.OpenAICompatible;

[Trait("Category", "Unit")]
public sealed class CompletionTextTests
{
    private static readonly TokenCounter Tokens = new();

    [Fact]
    public void Append_NoLimit_ReturnsWholePieces()
    {
        var text = new CompletionText(Tokens, maxTokens: null);

        var first = text.Append("VACUUM reclaims storage. ");
        var second = text.Append("It can also analyze.");

        Assert.Equal("VACUUM reclaims storage. ", first);
        Assert.Equal("It can also analyze.", second);
        Assert.False(text.Truncated);
    }

    [Fact]
    public void Append_OverLimit_CutsAtTokenLimit()
    {
        var text = new CompletionText(Tokens, maxTokens: 5);

        var sent = text.Append("VACUUM reclaims storage occupied by dead tuples. ") + text.Append("More text.");

        Assert.True(text.Truncated);
        Assert.Equal(sent, text.Text);
        Assert.Equal(5, text.CountTokens());
        Assert.StartsWith(sent, "VACUUM reclaims storage occupied by dead tuples. ", StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AfterCut_ReturnsNothing()
    {
        var text = new CompletionText(Tokens, maxTokens: 2);
        text.Append("VACUUM reclaims storage occupied by dead tuples.");

        var later = text.Append("Sources: [1]");

        Assert.Equal(string.Empty, later);
    }

    [Fact]
    public void Count_KnownText_MatchesO200kBase()
    {
        // "Hello, world!" is four o200k_base tokens: "Hello", ",", " world", "!".
        Assert.Equal(4, Tokens.Count("Hello, world!"));
    }
}
