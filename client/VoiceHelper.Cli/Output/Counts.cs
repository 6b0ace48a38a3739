using System.Globalization;

namespace VoiceHelper.Cli.Output;

/// <summary>Writes counts for people, with the noun in the singular for one: "1 file", "2 files".</summary>
internal static class Counts
{
    /// <summary>Returns the count and the noun, adding "s" unless the count is one.</summary>
    public static string Of(long count, string singular) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {singular}{(count == 1 ? string.Empty : "s")}");
}
