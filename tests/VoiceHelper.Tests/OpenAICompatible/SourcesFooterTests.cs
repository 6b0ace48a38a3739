using VoiceHelper.Gateway.OpenAI;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Tests.OpenAICompatible;

[Trait("Category", "Unit")]
public sealed class SourcesFooterTests
{
    [Fact]
    public void Format_NoSources_IsEmpty()
    {
        Assert.Equal(string.Empty, SourcesFooter.Format([]));
    }

    [Fact]
    public void Format_TwoSources_NumbersThemInOrder()
    {
        AnswerCitation[] sources =
        [
            new(Guid.NewGuid(), "VACUUM", "Parameters", null, "quote"),
            new(Guid.NewGuid(), "Manual", "Manual", 12, "quote"),
        ];

        var footer = SourcesFooter.Format(sources);

        Assert.Equal("\n\nSources:\n[1] VACUUM, \"Parameters\"\n[2] Manual, page 12", footer);
    }
}
