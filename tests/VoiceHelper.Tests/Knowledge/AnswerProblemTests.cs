using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Tests.Knowledge;

[Trait("Category", "Unit")]
public sealed class AnswerProblemTests
{
    [Fact]
    public async Task Handle_TransientAnswerFailure_Returns503()
    {
        var (status, _) = await HandleAsync(new AnswerUnavailableException("its answer model could not be reached", true));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
    }

    [Fact]
    public async Task Handle_TransientAnswerFailure_HasUnavailableCode()
    {
        var (_, problem) = await HandleAsync(new AnswerUnavailableException("its answer model could not be reached", true));

        Assert.Equal(ProblemCodes.AnswerModelUnavailable, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Handle_PermanentAnswerFailure_Returns502()
    {
        var (status, _) = await HandleAsync(new AnswerUnavailableException("its answer model rejected the key", false));

        Assert.Equal(StatusCodes.Status502BadGateway, status);
    }

    [Fact]
    public async Task Handle_PermanentAnswerFailure_HasFailedCode()
    {
        var (_, problem) = await HandleAsync(new AnswerUnavailableException("its answer model rejected the key", false));

        Assert.Equal(ProblemCodes.AnswerModelFailed, problem.GetProperty("code").GetString());
        Assert.Contains("rejected the key", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void Serialize_AnswerUnavailable_KeepsTransienceAndMessage()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var original = new AnswerUnavailableException("its answer model did not reply in time", true);

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(original));

        var typed = Assert.IsType<AnswerUnavailableException>(copy);
        Assert.True(typed.IsTransient);
        Assert.Equal(original.Message, typed.Message);
    }

    private static async Task<(int Status, JsonElement Problem)> HandleAsync(Exception exception)
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ExceptionProblemHandler(NullLogger<ExceptionProblemHandler>.Instance);

        await handler.TryHandleAsync(context, exception, CancellationToken.None);

        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
