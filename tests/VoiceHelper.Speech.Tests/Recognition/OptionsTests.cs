using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Speech.Tests.Recognition;

[Trait("Category", "Unit")]
public sealed class OptionsTests
{
    [Fact]
    public void PocketSphinx_Defaults_AreValid()
    {
        Assert.Empty(new PocketSphinxOptions().Validate());
    }

    [Fact]
    public void PocketSphinx_MoreWarmThanMax_IsInvalid()
    {
        var problems = new PocketSphinxOptions { MaxDecoders = 1, WarmDecoders = 2 }.Validate();

        Assert.Contains(problems, problem => problem.Contains("WarmDecoders is 2"));
    }

    [Fact]
    public void PocketSphinx_MissingDictionary_NamesPackage()
    {
        var problems = new PocketSphinxOptions { Dictionary = "/nonexistent.dict" }.Validate();

        Assert.Contains(problems, problem => problem.Contains("Dictionary is '/nonexistent.dict'"));
    }

    [Fact]
    public void PocketSphinx_NegativePartialInterval_IsInvalid()
    {
        var problems = new PocketSphinxOptions { PartialIntervalMs = -1 }.Validate(includeFiles: false);

        Assert.Contains(problems, problem => problem.Contains("PartialIntervalMs must be between 0 and 10000"));
    }

    [Fact]
    public void ESpeak_RateOutOfRange_IsInvalid()
    {
        var problems = new ESpeakOptions { WordsPerMinute = 20 }.Validate();

        Assert.Contains(problems, problem => problem.Contains("WordsPerMinute is 20"));
    }
}
