using System.Text;
using System.Text.RegularExpressions;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Finds the objects of a PDF file whose whole value is a reference to another object
/// (<c>7 0 obj 8 0 R endobj</c>) in the raw bytes, because PdfPig already follows references while it opens the
/// page tree. Object streams need no scan: PdfPig 0.1.16 reads an entry that is a bare reference as a number.
/// </summary>
internal static partial class PdfRawReferenceScanner
{
    /// <summary>Adds an edge to <paramref name="references"/> for each object of <paramref name="content"/> that is a reference.</summary>
    public static void Scan(ReadOnlySpan<byte> content, PdfObjectGraph references)
    {
        // Latin-1 maps each byte to one character, so the text has the file's tokens at the same offsets.
        var text = Encoding.Latin1.GetString(content);
        foreach (Match match in ReferenceObject().Matches(text))
        {
            if (long.TryParse(match.Groups["source"].ValueSpan, out var source)
                && long.TryParse(match.Groups["target"].ValueSpan, out var target))
            {
                references.Add(source, target);
            }
        }
    }

    // An object header, then a reference as the first token of the object's value. White space and comments
    // may separate tokens. The non-backtracking engine keeps the scan linear in the file's length.
    [GeneratedRegex(
        @"\b(?<source>[0-9]+)(?:\s|%[^\r\n]*)+[0-9]+(?:\s|%[^\r\n]*)+obj(?:\s|%[^\r\n]*)*"
            + @"(?<target>[0-9]+)(?:\s|%[^\r\n]*)+[0-9]+(?:\s|%[^\r\n]*)+R\b",
        RegexOptions.NonBacktracking)]
    private static partial Regex ReferenceObject();
}
