using Microsoft.AspNetCore.Http;
using VoiceHelper.Gateway.Conversations;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Tests.Conversations;

[Trait("Category", "Unit")]
public sealed class ConversationRequestCheckTests
{
    private const string Example = """{ "language": "en" }""";

    [Fact]
    public void Cursor_FormatThenParse_KeepsMicroseconds()
    {
        var cursor = new ConversationCursor(new DateTimeOffset(2026, 12, 4, 19, 34, 27, TimeSpan.Zero).AddTicks(1_234_560), Guid.NewGuid());

        var parsed = ConversationCursorText.Parse(ConversationCursorText.Format(cursor));

        Assert.Equal(cursor, parsed);
    }

    [Fact]
    public void Cursor_MaxValue_FitsLengthCheck()
    {
        var cursor = new ConversationCursor(DateTimeOffset.MaxValue, Guid.NewGuid());

        var parsed = ConversationCursorText.Parse(ConversationCursorText.Format(cursor));

        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("MTIzNA")]
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTp4")]
    public void Cursor_NotIssuedByApi_ThrowsNamingCursor(string text)
    {
        var exception = Assert.Throws<ApiProblemException>(() => ConversationCursorText.Parse(text));

        Assert.Equal(StatusCodes.Status400BadRequest, exception.Status);
        Assert.True(exception.Errors?.ContainsKey("cursor"), exception.Message);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hans-CN")]
    [InlineData("cmn-latn-pinyin")]
    [InlineData("de-CH-1996")]
    public void Language_Bcp47Tag_IsAccepted(string tag)
    {
        Assert.Equal(tag, ConversationChecks.Language(tag, Example));
    }

    [Theory]
    [InlineData("e")]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en--US")]
    [InlineData("en-abcdefghi")]
    [InlineData("x-private")]
    public void Language_NotATag_ThrowsNamingLanguage(string tag)
    {
        var exception = Assert.Throws<ApiProblemException>(() => ConversationChecks.Language(tag, Example));

        Assert.True(exception.Errors?.ContainsKey("language"), exception.Message);
    }

    [Fact]
    public void IdempotencyKey_Missing_ReturnsNull()
    {
        var context = new DefaultHttpContext();

        Assert.Null(ConversationChecks.IdempotencyKey(context.Request));
    }

    [Theory]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("retry 1 ~!")]
    public void IdempotencyKey_PrintableAscii_IsReturned(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Idempotency-Key"] = key;

        Assert.Equal(key, ConversationChecks.IdempotencyKey(context.Request));
    }

    [Theory]
    [InlineData("")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    public void IdempotencyKey_Invalid_ThrowsNamingHeader(string key)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Idempotency-Key"] = key;

        var exception = Assert.Throws<ApiProblemException>(() => ConversationChecks.IdempotencyKey(context.Request));

        Assert.True(exception.Errors?.ContainsKey("Idempotency-Key"), exception.Message);
    }

    [Fact]
    public void IdempotencyKey_TwoHeaders_Throws()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Idempotency-Key"] = new Microsoft.Extensions.Primitives.StringValues(["a", "b"]);

        Assert.Throws<ApiProblemException>(() => ConversationChecks.IdempotencyKey(context.Request));
    }

    [Theory]
    [InlineData("text/event-stream", true)]
    [InlineData("application/json, text/event-stream", true)]
    [InlineData("TEXT/EVENT-STREAM", true)]
    [InlineData("text/event-stream;q=0", false)]
    [InlineData("*/*", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void EventStream_AcceptHeader_DecidesFormat(string? accept, bool expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        Assert.Equal(expected, ResponseEventStream.IsRequested(context.Request));
    }
}
