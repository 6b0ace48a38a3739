using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using VoiceHelper.Gateway.Errors;
using VoiceHelper.Grains.Inference;

namespace VoiceHelper.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class InferenceProblemTests
{
    [Fact]
    public async Task Handle_InferenceBusy_Returns503WithCode()
    {
        var (context, problem) = await HandleAsync(new InferenceBusyException("The embedding queue is full.", TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ProblemCodes.InferenceBusy, problem.GetProperty("code").GetString());
        Assert.Equal("The embedding queue is full.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Handle_InferenceBusy_SetsRetryAfterRoundedUp()
    {
        var (context, _) = await HandleAsync(new InferenceBusyException("busy", TimeSpan.FromMilliseconds(1500)));

        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Handle_AcceleratorUnavailable_Returns503WithoutRetryAfter()
    {
        var (context, problem) = await HandleAsync(new AcceleratorUnavailableException("embedding"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ProblemCodes.AcceleratorUnavailable, problem.GetProperty("code").GetString());
        Assert.Contains("Silo:Accelerator:DeviceCount", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public void Serialize_InferenceBusy_KeepsRetryAfterAndMessage()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var original = new InferenceBusyException("The embedding queue is full.", TimeSpan.FromMilliseconds(750));

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(original));

        var typed = Assert.IsType<InferenceBusyException>(copy);
        Assert.Equal(original.RetryAfter, typed.RetryAfter);
        Assert.Equal(original.Message, typed.Message);
    }

    [Fact]
    public void Serialize_AcceleratorUnavailable_KeepsGrainType()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<Exception>(
            serializer.SerializeToArray<Exception>(new AcceleratorUnavailableException("embedding")));

        Assert.Equal("embedding", Assert.IsType<AcceleratorUnavailableException>(copy).GrainType);
    }

    private static async Task<(HttpContext Context, JsonElement Problem)> HandleAsync(Exception exception)
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ExceptionProblemHandler(NullLogger<ExceptionProblemHandler>.Instance);

        await handler.TryHandleAsync(context, exception, CancellationToken.None);

        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context, document.RootElement.Clone());
    }
}
