using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;

namespace VoiceHelper.Tests.Conversations;

[Trait("Category", "Unit")]
public sealed class ConversationChecksTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("de-CH")]
    [InlineData("zh-Hans-CN")]
    [InlineData("cmn-Latn-pinyin")]
    public void CheckLanguage_WellFormedTag_ReturnsIt(string tag)
    {
        Assert.Equal(tag, ConversationChecks.CheckLanguage("language", tag));
    }

    [Theory]
    [InlineData("en_US")]
    [InlineData("e")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en-toolongsubtag")]
    [InlineData("  ")]
    [InlineData("abcdefgh-abcdefgh-abcdefgh-abcd-efgh")]
    public void CheckLanguage_MalformedTag_ThrowsValidationProblem(string tag)
    {
        var failure = Assert.Throws<ApiProblemException>(() => ConversationChecks.CheckLanguage("language", tag));

        Assert.Equal(ProblemCodes.ValidationFailed, failure.Code);
        Assert.Equal(["language"], failure.Errors!.Keys);
    }

    [Fact]
    public void CheckLanguage_Unset_ReturnsNull()
    {
        Assert.Null(ConversationChecks.CheckLanguage("language", null));
    }

    [Theory]
    [InlineData(null, 50)]
    [InlineData(1L, 1)]
    [InlineData(200L, 200)]
    public void CheckPageSize_InRange_ReturnsSize(long? pageSize, int expected)
    {
        Assert.Equal(expected, ConversationChecks.CheckPageSize("page_size", pageSize));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(201L)]
    public void CheckPageSize_OutOfRange_ThrowsValidationProblem(long pageSize)
    {
        var failure = Assert.Throws<ApiProblemException>(() => ConversationChecks.CheckPageSize("page_size", pageSize));

        Assert.Equal(["page_size"], failure.Errors!.Keys);
    }

    [Fact]
    public void CheckTitle_SurroundingWhiteSpace_IsTrimmed()
    {
        Assert.Equal("Billing", ConversationChecks.CheckTitle("title", "  Billing \t"));
    }
}
