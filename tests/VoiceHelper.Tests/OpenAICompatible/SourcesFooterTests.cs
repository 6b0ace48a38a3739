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
    public void Format_ThreeSources_NumbersThemInOrder()
    {
        AnswerCitation[] sources =
        [
            new(Guid.NewGuid(), "VACUUM", "VACUUM > Parameters", null, "quote"),
            new(Guid.NewGuid(), "Manual", "Installation", 12, "quote"),
            new(Guid.NewGuid(), "Notes", "", null, "quote"),
        ];

        var footer = SourcesFooter.Format(sources);

        Assert.Equal("\n\nSources:\n[1] VACUUM > Parameters\n[2] Manual > Installation, page 12\n[3] Notes", footer);
    }
}
