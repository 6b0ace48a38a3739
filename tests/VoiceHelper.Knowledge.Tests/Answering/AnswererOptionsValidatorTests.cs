using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Knowledge.Tests.Answering;

[Trait("Category", "Unit")]
public sealed class AnswererOptionsValidatorTests
{
    private readonly AnswererOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Pass()
    {
        var result = _validator.Validate(null, new AnswererOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ExtractiveWithoutOpenAISettings_Passes()
    {
        var options = new AnswererOptions { Kind = AnswererKind.Extractive, OpenAI = new() { Timeout = TimeSpan.Zero } };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_CompleteOpenAISettings_Pass()
    {
        var result = _validator.Validate(null, OpenAI(options => { }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_OpenAIWithoutModel_NamesModelSetting()
    {
        var result = _validator.Validate(null, OpenAI(options => options.Model = " "));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:Model is missing", result.FailureMessage);
    }

    [Fact]
    public void Validate_OpenAIWithoutEndpoint_NamesEndpointSetting()
    {
        var result = _validator.Validate(null, OpenAI(options => options.Endpoint = null));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:Endpoint is missing", result.FailureMessage);
    }

    [Theory]
    [InlineData("localhost:8000/v1")]
    [InlineData("ftp://127.0.0.1/v1")]
    [InlineData("/v1")]
    public void Validate_EndpointNotHttpUrl_QuotesValue(string endpoint)
    {
        var result = _validator.Validate(null, OpenAI(options => options.Endpoint = endpoint));

        Assert.True(result.Failed);
        Assert.Contains($"Knowledge:Answering:OpenAI:Endpoint is '{endpoint}'", result.FailureMessage);
    }

    [Fact]
    public void Validate_EndpointWithPassword_RejectsWithoutQuotingIt()
    {
        var result = _validator.Validate(null, OpenAI(options => options.Endpoint = "https://user:hunter2@example.test/v1"));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:ApiKey", result.FailureMessage);
        Assert.DoesNotContain("hunter2", result.FailureMessage);
    }

    [Fact]
    public void Validate_TimeoutZero_NamesRange()
    {
        var result = _validator.Validate(null, OpenAI(options => options.Timeout = TimeSpan.Zero));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:Timeout is 00:00:00, but must be between 00:00:01 and 00:05:00.",
            result.FailureMessage);
    }

    [Fact]
    public void Validate_TooManyRetries_NamesRange()
    {
        var result = _validator.Validate(null, OpenAI(options => options.MaxRetries = 10));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:MaxRetries is 10, but must be between 0 and 5.", result.FailureMessage);
    }

    [Fact]
    public void Validate_ZeroOutputTokens_NamesSetting()
    {
        var result = _validator.Validate(null, OpenAI(options => options.MaxOutputTokens = 0));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:MaxOutputTokens is 0", result.FailureMessage);
    }

    [Fact]
    public void Validate_TemperatureAboveTwo_NamesSetting()
    {
        var result = _validator.Validate(null, OpenAI(options => options.Temperature = 2.5f));

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:OpenAI:Temperature is 2.5", result.FailureMessage);
    }

    [Fact]
    public void Validate_UndefinedKind_ListsKinds()
    {
        var result = _validator.Validate(null, new AnswererOptions { Kind = (AnswererKind)7 });

        Assert.True(result.Failed);
        Assert.Contains("Use Extractive or OpenAI", result.FailureMessage);
    }

    [Fact]
    public void Validate_EmptyNoAnswerText_NamesSetting()
    {
        var result = _validator.Validate(null, new AnswererOptions { NoAnswerText = "" });

        Assert.True(result.Failed);
        Assert.Contains("Knowledge:Answering:NoAnswerText is empty", result.FailureMessage);
    }

    [Fact]
    public void Validate_ApiKey_NeverAppearsInMessages()
    {
        var result = _validator.Validate(null, OpenAI(options =>
        {
            options.ApiKey = "sk-never-shown";
            options.Model = null;
            options.Timeout = TimeSpan.Zero;
        }));

        Assert.True(result.Failed);
        Assert.DoesNotContain("sk-never-shown", result.FailureMessage);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingSetting()
    {
        var options = new OpenAIAnswererOptions { Endpoint = "http://127.0.0.1:9/v1" };

        var exception = Assert.Throws<ArgumentException>(() => new OpenAIAnswerer(options, "No answer."));

        Assert.Contains("Knowledge:Answering:OpenAI:Model is missing", exception.Message);
    }

    private static AnswererOptions OpenAI(Action<OpenAIAnswererOptions> change)
    {
        var options = new AnswererOptions
        {
            Kind = AnswererKind.OpenAI,
            OpenAI = new() { Endpoint = "http://127.0.0.1:11434/v1", Model = "llama3.1:8b" },
        };
        change(options.OpenAI);
        return options;
    }
}
