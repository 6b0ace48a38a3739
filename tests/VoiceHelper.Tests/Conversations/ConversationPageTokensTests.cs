using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Tests.Conversations;

[Trait("Category", "Unit")]
public sealed class ConversationPageTokensTests
{
    [Fact]
    public void ConversationCursor_Formatted_ParsesBack()
    {
        var cursor = new ConversationCursor(new DateTimeOffset(2026, 4, 12, 19, 36, 11, TimeSpan.Zero).AddTicks(1230), Guid.NewGuid());

        var parsed = ConversationPageTokens.ParseConversationCursor("page_token", ConversationPageTokens.Format(cursor));

        Assert.Equal(cursor, parsed);
    }

    [Fact]
    public void ConversationCursor_LastPage_FormatsEmpty()
    {
        var token = ConversationPageTokens.Format((ConversationCursor?)null);

        Assert.Empty(token);
        Assert.Null(ConversationPageTokens.ParseConversationCursor("page_token", token));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + "AAAA")]
    [InlineData("__________8AAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("12")]
    public void ConversationCursor_MalformedToken_ThrowsValidationProblem(string token)
    {
        var failure = Assert.Throws<ApiProblemException>(() => ConversationPageTokens.ParseConversationCursor("page_token", token));

        Assert.Equal(ProblemCodes.ValidationFailed, failure.Code);
        Assert.Equal(["page_token"], failure.Errors!.Keys);
    }

    [Fact]
    public void MessageCursor_Formatted_ParsesBack()
    {
        var parsed = ConversationPageTokens.ParseMessageCursor("page_token", ConversationPageTokens.Format(41L));

        Assert.Equal(41L, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("+3")]
    [InlineData(" 3")]
    [InlineData("99999999999999999999")]
    [InlineData("AAAA")]
    public void MessageCursor_MalformedToken_ThrowsValidationProblem(string token)
    {
        var failure = Assert.Throws<ApiProblemException>(() => ConversationPageTokens.ParseMessageCursor("page_token", token));

        Assert.Equal(["page_token"], failure.Errors!.Keys);
    }
}
