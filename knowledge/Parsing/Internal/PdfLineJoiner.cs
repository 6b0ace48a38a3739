using System.Text;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Joins the lines of a PDF text block into a paragraph, undoing hyphenation at line ends.</summary>
internal static class PdfLineJoiner
{
    /// <summary>
    /// Joins prose lines with spaces. A line that ends in a hyphen after a letter, followed by a line that
    /// starts with a lower-case letter, is joined without the hyphen: "en-" and "coding" become "encoding".
    /// </summary>
    public static string JoinProse(IReadOnlyList<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            if (builder.Length == 0)
            {
                builder.Append(line);
            }
            else if (EndsWithHyphenatedWord(builder) && line.Length > 0 && char.IsLower(line[0]))
            {
                builder.Length--;
                builder.Append(line);
            }
            else
            {
                builder.Append(' ').Append(line);
            }
        }

        return builder.ToString();
    }

    /// <summary>Joins code lines with line feeds, keeping them as they are.</summary>
    public static string JoinCode(IReadOnlyList<string> lines) => string.Join('\n', lines);

    private static bool EndsWithHyphenatedWord(StringBuilder builder) =>
        builder.Length >= 2 && builder[^1] == '-' && char.IsLetter(builder[^2]);
}
