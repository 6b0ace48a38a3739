using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VoiceHelper.Grains;
using VoiceHelper.Grains.Retention;

namespace VoiceHelper.Tests.Retention;

[Trait("Category", "Unit")]
public sealed class RetentionOptionsTests
{
    [Fact]
    public void Options_Configured_AreBound()
    {
        using var provider = BuildProvider(new()
        {
            ["Retention:Interval"] = "00:10:00",
            ["Retention:UsageEvents"] = "90.00:00:00",
            ["Retention:DeletedConversations"] = "00:00:00",
            ["Retention:RawAudio"] = "7.00:00:00",
            ["Retention:BatchSize"] = "50",
        });

        var options = provider.GetRequiredService<IOptions<RetentionOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(10), options.Interval);
        Assert.Equal(TimeSpan.FromDays(90), options.UsageEvents);
        Assert.Equal(TimeSpan.Zero, options.DeletedConversations);
        Assert.Equal(TimeSpan.FromDays(7), options.RawAudio);
        Assert.Equal(50, options.BatchSize);
    }

    [Fact]
    public void Options_Defaults_PassValidation()
    {
        using var provider = BuildProvider([]);

        var options = provider.GetRequiredService<IOptions<RetentionOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal(TimeSpan.FromDays(30), options.DeletedConversations);
    }

    [Theory]
    [InlineData("Retention:Interval", "00:00:30")]
    [InlineData("Retention:Interval", "8.00:00:00")]
    [InlineData("Retention:UsageEvents", "12:00:00")]
    [InlineData("Retention:DeletedConversations", "-00:00:01")]
    [InlineData("Retention:RawAudio", "3651.00:00:00")]
    [InlineData("Retention:BatchSize", "0")]
    [InlineData("Retention:BatchSize", "100001")]
    public void Options_OutOfRange_FailValidationNamingKey(string key, string value)
    {
        using var provider = BuildProvider(new() { [key] = value });

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<RetentionOptions>>().Value);

        Assert.Contains(key, exception.Message);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddVoiceHelperRetention(configuration)
            .BuildServiceProvider();
    }
}
