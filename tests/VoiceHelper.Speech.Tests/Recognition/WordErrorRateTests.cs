using VoiceHelper.Speech.Recognition;

namespace VoiceHelper.Speech.Tests.Recognition;

[Trait("Category", "Unit")]
public sealed class WordErrorRateTests
{
    [Theory]
    [InlineData("he was not", "he was not", 0)]
    [InlineData("he was not", "He was NOT.", 0)]
    [InlineData("he was not", "he is not", 1)]
    [InlineData("he was not", "he not", 1)]
    [InlineData("he was not", "he was not there", 1)]
    [InlineData("he was not", "", 3)]
    public void Count_Cases_CountEdits(string reference, string hypothesis, int expectedErrors)
    {
        Assert.Equal(expectedErrors, WordErrorRate.Count(reference, hypothesis).Errors);
    }
}
