using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Conversations;
using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Tests.Conversations;

[Trait("Category", "Unit")]
public sealed class ConversationRegistrationTests
{
    [Fact]
    public void IdleTimeout_Configured_SetsConversationCollectionAge()
    {
        using var provider = BuildProvider(new() { ["Conversations:IdleTimeout"] = "00:05:00" });

        var collection = provider.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(5), collection.ClassSpecificCollectionAge[typeof(ConversationGrain).FullName!]);
    }

    [Fact]
    public void IdleTimeout_TooShort_FailsValidation()
    {
        using var provider = BuildProvider(new() { ["Conversations:IdleTimeout"] = "00:00:10" });

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<ConversationOptions>>().Value);

        Assert.Contains("Conversations:IdleTimeout", exception.Message);
    }

    [Fact]
    public void Rewriter_DefaultAnswerer_IsDeterministic()
    {
        using var provider = BuildProvider([]);

        Assert.IsType<FollowUpRewriter>(provider.GetRequiredService<IQuestionRewriter>());
    }

    [Fact]
    public void Rewriter_OpenAIAnswerer_UsesModel()
    {
        using var provider = BuildProvider(new()
        {
            ["Knowledge:Answering:Kind"] = "OpenAI",
            ["Knowledge:Answering:OpenAI:Endpoint"] = "http://127.0.0.1:11434/v1",
            ["Knowledge:Answering:OpenAI:Model"] = "llama3.1:8b",
        });

        Assert.IsType<ModelQuestionRewriter>(provider.GetRequiredService<IQuestionRewriter>());
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddVoiceHelperKnowledge(configuration)
            .AddVoiceHelperConversations(configuration)
            .BuildServiceProvider();
    }
}
