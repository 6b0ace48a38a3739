using System.Text.Json;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Json;
using VoiceHelper.Gateway.OpenAI;
using VoiceHelper.Grains.Conversations;

namespace VoiceHelper.Tests.OpenAICompatible;

[Trait("Category", "Unit")]
public sealed class ChatRequestReaderTests
{
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    [Fact]
    public void Read_SeveralMessages_LastUserMessageIsQuestion()
    {
        var input = Read("""
            { "model": "manual", "messages": [
                { "role": "system", "content": "Be brief." },
                { "role": "user", "content": "How do I create an index?" },
                { "role": "assistant", "content": "Use CREATE INDEX." },
                { "role": "user", "content": "And how do I remove it?" } ] }
            """);

        Assert.Equal("And how do I remove it?", input.Question);
        Assert.Equal("manual", input.Model);
        Assert.Equal(4, input.MessageTexts.Count);
    }

    [Fact]
    public void Read_SystemMessage_LeftOutOfHistory()
    {
        var input = Read("""
            { "model": "manual", "messages": [
                { "role": "system", "content": "Be brief." },
                { "role": "user", "content": "How do I create an index?" },
                { "role": "assistant", "content": "Use CREATE INDEX." },
                { "role": "user", "content": "And how do I remove it?" } ] }
            """);

        Assert.Equal(
            [new PriorMessage(TurnRole.User, "How do I create an index?"), new PriorMessage(TurnRole.Assistant, "Use CREATE INDEX.")],
            input.History);
    }

    [Fact]
    public void Read_TextParts_AreJoinedByLineBreaks()
    {
        var input = Read("""
            { "model": "m", "messages": [ { "role": "user", "content": [
                { "type": "text", "text": "first" }, { "type": "text", "text": "second" } ] } ] }
            """);

        Assert.Equal("first\nsecond", input.Question);
    }

    [Fact]
    public void Read_StreamWithUsage_SetsBoth()
    {
        var input = Read("""
            { "model": "m", "stream": true, "stream_options": { "include_usage": true },
              "messages": [ { "role": "user", "content": "q" } ] }
            """);

        Assert.True(input.Stream);
        Assert.True(input.IncludeUsage);
    }

    [Fact]
    public void Read_BothTokenLimits_PrefersCompletionLimit()
    {
        var input = Read("""
            { "model": "m", "max_completion_tokens": 7, "max_tokens": 9, "messages": [ { "role": "user", "content": "q" } ] }
            """);

        Assert.Equal(7, input.MaxTokens);
    }

    [Fact]
    public void Read_IgnoredFields_AreAccepted()
    {
        var input = Read("""
            { "model": "m", "seed": 1, "stop": ["x"], "user": "u", "temperature": 0.2, "n": 1, "tools": [],
              "tool_choice": "none", "response_format": { "type": "text" }, "modalities": ["text"],
              "messages": [ { "role": "user", "content": "q", "name": "someone" } ] }
            """);

        Assert.Equal("q", input.Question);
    }

    [Fact]
    public void Read_ManyEarlierMessages_KeepsNewestFifty()
    {
        var messages = Enumerable.Range(0, 60).Select(index => new { role = "user", content = $"m{index}" }).ToList();
        var body = JsonSerializer.Serialize(new { model = "m", messages });

        var input = Read(body);

        Assert.Equal(ChatRequestReader.MaxHistoryMessages, input.History.Count);
        Assert.Equal("m9", input.History[0].Text);
    }

    [Fact]
    public void Read_LongFirstMessage_TitleIsCut()
    {
        var body = JsonSerializer.Serialize(new { model = "m", messages = new[] { new { role = "user", content = new string('x', 500) } } });

        var input = Read(body);

        Assert.Equal(200, input.Title.Length);
    }

    public static TheoryData<string, string, string> Rejected => new()
    {
        { """{ "model": "m", "n": 2, "messages": [ { "role": "user", "content": "q" } ] }""", "n", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "messages": [] }""", "messages", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "messages": [ { "role": "assistant", "content": "a" } ] }""", "messages", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "messages": [ { "role": "user", "content": " " } ] }""", "messages[0].content", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "messages": [ { "role": "user" } ] }""", "messages[0].content", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "messages": [ { "content": "q" } ] }""", "messages[0].role", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "messages": [ { "role": "user", "content": 5 } ] }""", "messages[0].content", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "max_completion_tokens": 0, "messages": [ { "role": "user", "content": "q" } ] }""",
            "max_completion_tokens", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "temperature": 3, "messages": [ { "role": "user", "content": "q" } ] }""",
            "temperature", ProblemCodes.ValidationFailed },
        { """{ "model": "m", "tools": [ { "type": "function", "function": { "name": "f" } } ], "messages": [ { "role": "user", "content": "q" } ] }""",
            "tools", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "tool_choice": "auto", "messages": [ { "role": "user", "content": "q" } ] }""",
            "tool_choice", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "response_format": { "type": "json_object" }, "messages": [ { "role": "user", "content": "q" } ] }""",
            "response_format", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "logprobs": true, "messages": [ { "role": "user", "content": "q" } ] }""",
            "logprobs", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "modalities": ["text", "audio"], "messages": [ { "role": "user", "content": "q" } ] }""",
            "modalities", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "messages": [ { "role": "tool", "content": "r", "tool_call_id": "c" }, { "role": "user", "content": "q" } ] }""",
            "messages[0].role", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "messages": [ { "role": "user", "content": [ { "type": "image_url", "image_url": { "url": "x" } } ] } ] }""",
            "messages[0].content", ProblemCodes.UnsupportedParameter },
        { """{ "model": "m", "messages": [ { "role": "assistant", "tool_calls": [ { "id": "c" } ] }, { "role": "user", "content": "q" } ] }""",
            "messages[0].tool_calls", ProblemCodes.UnsupportedParameter },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Read_InvalidRequest_RejectsNamingField(string body, string field, string code)
    {
        var exception = Assert.Throws<ApiProblemException>(() => Read(body));

        Assert.Equal(400, exception.Status);
        Assert.Equal(code, exception.Code);
        Assert.Equal(field, Assert.Single(exception.Errors!).Key);
    }

    private static ChatCompletionInput Read(string body) =>
        ChatRequestReader.Read(JsonSerializer.Deserialize<ChatCompletionRequest>(body, Json)!);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonDefaults.Apply(options);
        return options;
    }
}
