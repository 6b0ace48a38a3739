using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.OpenAI;

namespace VoiceHelper.Tests.OpenAICompatible;

[Trait("Category", "Unit")]
public sealed class OpenAIErrorsTests
{
    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "invalid_request_error")]
    [InlineData(404, "invalid_request_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "server_error")]
    [InlineData(503, "server_error")]
    public void TypeOf_Status_IsOpenAIType(int status, string type)
    {
        Assert.Equal(type, OpenAIErrors.TypeOf(status));
    }

    [Fact]
    public void ToBody_InvalidField_NamesParamAndCode()
    {
        var failure = FailureClassifier.Classify(ApiProblemException.InvalidField("n", "Field 'n' is 2."));

        var error = OpenAIErrors.ToBody(failure).Error;

        Assert.Equal("n", error.Param);
        Assert.Equal(ProblemCodes.ValidationFailed, error.Code);
        Assert.Equal("Field 'n' is 2.", error.Message);
        Assert.Equal("invalid_request_error", error.Type);
    }

    [Fact]
    public void ToBody_ServerFailure_HasNoParam()
    {
        var error = OpenAIErrors.ToBody(FailureClassifier.Classify(new InvalidOperationException("bug"))).Error;

        Assert.Null(error.Param);
        Assert.Equal("server_error", error.Type);
    }
}
