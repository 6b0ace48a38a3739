using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains;
using VoiceHelper.Knowledge.Answering;
using VoiceHelper.Tests.Infrastructure;

namespace VoiceHelper.Tests.Knowledge;

[Trait("Category", "Unit")]
public sealed class AnswererRegistrationTests
{
    [Fact]
    public void Resolve_KindOpenAI_CreatesOpenAIAnswerer()
    {
        using var provider = BuildProvider(new()
        {
            ["Knowledge:Answering:Kind"] = "OpenAI",
            ["Knowledge:Answering:OpenAI:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["Knowledge:Answering:OpenAI:Model"] = "llama3.1:8b",
        });

        var answerer = provider.GetRequiredService<IAnswerGenerator>();

        Assert.IsType<OpenAIAnswerer>(answerer);
    }

    [Fact]
    public void Resolve_OpenAISettings_AreBound()
    {
        using var provider = BuildProvider(new()
        {
            ["Knowledge:Answering:Kind"] = "OpenAI",
            ["Knowledge:Answering:NoAnswerText"] = "Not in the documents.",
            ["Knowledge:Answering:OpenAI:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["Knowledge:Answering:OpenAI:Model"] = "llama3.1:8b",
            ["Knowledge:Answering:OpenAI:Timeout"] = "00:00:15",
            ["Knowledge:Answering:OpenAI:MaxRetries"] = "2",
            ["Knowledge:Answering:OpenAI:MaxOutputTokens"] = "300",
            ["Knowledge:Answering:OpenAI:Temperature"] = "0.5",
        });

        var options = provider.GetRequiredService<IOptions<AnswererOptions>>().Value;

        Assert.Equal("Not in the documents.", options.NoAnswerText);
        Assert.Equal(TimeSpan.FromSeconds(15), options.OpenAI.Timeout);
        Assert.Equal(2, options.OpenAI.MaxRetries);
        Assert.Equal(300, options.OpenAI.MaxOutputTokens);
        Assert.Equal(0.5f, options.OpenAI.Temperature);
    }

    [Fact]
    public async Task Start_KindOpenAIWithoutModel_FailsNamingSetting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Answering:Kind"] = "OpenAI",
            ["Knowledge:Answering:OpenAI:Endpoint"] = "http://127.0.0.1:11434/v1",
        });
        builder.Services.AddVoiceHelperKnowledge(builder.Configuration);
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(
            () => host.StartAsync().WaitAsync(TestTimeouts.Step));

        Assert.Contains("Knowledge:Answering:OpenAI:Model is missing", exception.Message);
    }

    [Fact]
    public void Resolve_UnknownKind_NamesSetting()
    {
        using var provider = BuildProvider(new() { ["Knowledge:Answering:Kind"] = "Gpt" });

        var exception = Assert.Throws<InvalidOperationException>(
            () => provider.GetRequiredService<IOptions<AnswererOptions>>().Value);

        Assert.Contains("Knowledge:Answering:Kind", exception.Message);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddVoiceHelperKnowledge(configuration).BuildServiceProvider();
    }
}
