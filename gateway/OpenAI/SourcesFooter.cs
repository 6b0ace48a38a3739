using System.Globalization;
using System.Text;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Gateway.OpenAI;

/// <summary>
/// The list of cited sources appended to a chat completion's content, so that people reading the answer in any
/// OpenAI client see where it comes from. Programs read the same sources from the <c>voicehelper</c> extension.
/// </summary>
internal static class SourcesFooter
{
    /// <summary>
    /// Returns the footer for the sources, numbered from 1 in the order of the extension's <c>sources</c> array, or
    /// an empty string when there are none. Example: <c>\n\nSources:\n[1] VACUUM > Parameters\n[2] Manual > Installation, page 12</c>.
    /// </summary>
    public static string Format(IReadOnlyList<AnswerCitation> sources)
    {
        if (sources.Count == 0)
        {
            return string.Empty;
        }

        var footer = new StringBuilder("\n\nSources:");
        for (var index = 0; index < sources.Count; index++)
        {
            footer.Append(CultureInfo.InvariantCulture, $"\n[{index + 1}] {Describe(sources[index])}");
        }

        return footer.ToString();
    }

    // Headings of parsed documents usually start with the title ("VACUUM > Description"), so the title is repeated
    // only when the heading does not start with it.
    private static string Describe(AnswerCitation source)
    {
        var text = new StringBuilder();
        if (string.IsNullOrWhiteSpace(source.Heading))
        {
            text.Append(source.Title);
        }
        else if (source.Heading.StartsWith(source.Title, StringComparison.Ordinal))
        {
            text.Append(source.Heading);
        }
        else
        {
            text.Append(source.Title).Append(" > ").Append(source.Heading);
        }

        if (source.Page is { } page)
        {
            text.Append(CultureInfo.InvariantCulture, $", page {page}");
        }

        return text.ToString();
    }
}
