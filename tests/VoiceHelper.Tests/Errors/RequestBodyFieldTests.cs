using VoiceHelper.Gateway.Json;

namespace VoiceHelper.Tests.Errors;

[Trait("Category", "Unit")]
public sealed class RequestBodyFieldTests
{
    [Theory]
    [InlineData("$.text", "text")]
    [InlineData("$['text']", "text")]
    [InlineData("$.filters.document_ids[0]", "filters.document_ids[0]")]
    [InlineData("$['filters'].document_ids[12]", "filters.document_ids[12]")]
    [InlineData("$.messages[3].content", "messages[3].content")]
    public void FieldName_Path_KeepsIndexes(string path, string expected)
    {
        Assert.Equal(expected, RequestBody.FieldName(path));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$")]
    public void FieldName_Root_IsNull(string? path)
    {
        Assert.Null(RequestBody.FieldName(path));
    }
}
