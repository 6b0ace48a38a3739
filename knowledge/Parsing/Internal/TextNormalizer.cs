using System.Text;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Whitespace clean-up shared by the parsers.</summary>
internal static class TextNormalizer
{
    /// <summary>
    /// Turns every run of whitespace (no-break spaces included) into one space within each line, drops empty
    /// lines and trims. Line feeds survive only where a format marks a hard line break.
    /// </summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            var collapsed = CollapseLine(line);
            if (collapsed.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(collapsed);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Keeps the lines of preformatted text as they are, except trailing whitespace, leading and trailing blank
    /// lines, and the indentation that all lines share.
    /// </summary>
    public static string TrimPreformatted(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(line => line.TrimEnd()).ToList();
        var first = lines.FindIndex(line => line.Length > 0);
        if (first < 0)
        {
            return "";
        }

        var last = lines.FindLastIndex(line => line.Length > 0);
        var kept = lines.GetRange(first, last - first + 1);
        var indent = kept.Where(line => line.Length > 0).Min(line => line.Length - line.TrimStart().Length);
        return string.Join('\n', kept.Select(line => line.Length >= indent ? line[indent..] : line));
    }

    private static string CollapseLine(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c) || c == '\u200B')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
