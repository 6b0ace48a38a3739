using System.Globalization;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Output;

/// <summary>Writes rows as columns separated by two spaces, padded to the widest cell, for people.</summary>
internal static class TextTable
{
    public static void Write(TextWriter writer, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, column) => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            writer.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    /// <summary>Returns a time in local time, to the second.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Returns a document status as a lower-case word, as the REST API writes it.</summary>
    public static string Status(DocumentStatus status) => status.ToString().ToLowerInvariant();
}
