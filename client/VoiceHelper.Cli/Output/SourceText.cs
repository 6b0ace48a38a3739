using VoiceHelper.Client;

namespace VoiceHelper.Cli.Output;

/// <summary>Writes the sources of an answer for people: document, heading, page and the quoted words.</summary>
internal static class SourceText
{
    private const int MaxQuoteLength = 240;

    public static void Write(TextWriter writer, IReadOnlyList<Citation> sources)
    {
        if (sources.Count == 0)
        {
            return;
        }

        writer.WriteLine("Sources:");
        for (var index = 0; index < sources.Count; index++)
        {
            writer.WriteLine($"  [{index + 1}] {Describe(sources[index])}");
            writer.WriteLine($"      \"{Shorten(sources[index].Quote)}\"");
        }
    }

    /// <summary>
    /// Returns "title / heading (page N)", leaving out what the source lacks. A heading path that starts with the
    /// title, such as "VACUUM > Description" of the page "VACUUM", stands alone.
    /// </summary>
    public static string Describe(Citation source)
    {
        var text = source.Title;
        if (source.Heading.StartsWith(source.Title + " > ", StringComparison.Ordinal))
        {
            text = source.Heading;
        }
        else if (source.Heading.Length > 0 && source.Heading != source.Title)
        {
            text += $" / {source.Heading}";
        }

        return source.Page is { } page ? $"{text} (page {page})" : text;
    }

    private static string Shorten(string quote)
    {
        var line = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= MaxQuoteLength ? line : line[..(MaxQuoteLength - 3)] + "...";
    }
}
