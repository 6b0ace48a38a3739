using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Wordprocessing;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Resolves paragraph styles to heading levels. A style is a heading when it, or a style it is based on, sets
/// an outline level, or is named <c>heading 1</c> to <c>heading 9</c>. Word stores those built-in names in
/// English whatever the user interface language, while style ids are localised.
/// </summary>
internal sealed partial class DocxStyles
{
    // Word's outline levels run from 0 (level 1) to 8; 9 means body text.
    private const int BodyTextOutlineLevel = 9;

    private readonly Dictionary<string, Style> _styles;

    /// <summary>Indexes the style definitions of a document; <paramref name="styles"/> is null when it has none.</summary>
    public DocxStyles(Styles? styles)
    {
        _styles = (styles?.Elements<Style>() ?? [])
            .Where(style => style.StyleId?.Value is not null)
            .GroupBy(style => style.StyleId!.Value!)
            .ToDictionary(group => group.Key, group => group.First());
    }

    /// <summary>Returns the heading level (1 to 9) of <paramref name="paragraph"/>, or 0 for body text.</summary>
    public int HeadingLevel(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties;
        if (properties?.OutlineLevel?.Val?.Value is { } outline)
        {
            return outline < BodyTextOutlineLevel ? outline + 1 : 0;
        }

        return StyleHeadingLevel(properties?.ParagraphStyleId?.Val?.Value);
    }

    /// <summary>Returns whether <paramref name="paragraph"/> uses Word's Title style.</summary>
    public bool IsTitle(Paragraph paragraph) =>
        StyleChain(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            .Any(style => string.Equals(style.StyleName?.Val?.Value, "Title", StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns whether <paramref name="paragraph"/> is numbered or bulleted, directly or by its style.</summary>
    public bool IsListItem(Paragraph paragraph) =>
        paragraph.ParagraphProperties?.NumberingProperties is not null
        || StyleChain(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            .Any(style => style.StyleParagraphProperties?.NumberingProperties is not null);

    /// <summary>
    /// Returns whether <paramref name="paragraph"/> is preformatted text: its style, or one it is based on, is named
    /// like a code style (Code, Source Code, HTML Preformatted, Verbatim, Listing), or every run uses a
    /// fixed-width font.
    /// </summary>
    public bool IsCode(Paragraph paragraph)
    {
        var styleNames = StyleChain(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value)
            .Select(style => style.StyleName?.Val?.Value ?? "");
        if (styleNames.Any(name => CodeStyleName().IsMatch(name)))
        {
            return true;
        }

        var fonts = paragraph.Descendants<Run>().Select(run => run.RunProperties?.RunFonts?.Ascii?.Value).ToList();
        return fonts.Count > 0 && fonts.All(font => font is not null && MonospaceFontName().IsMatch(font));
    }

    private int StyleHeadingLevel(string? styleId)
    {
        foreach (var style in StyleChain(styleId))
        {
            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline)
            {
                return outline < BodyTextOutlineLevel ? outline + 1 : 0;
            }

            var match = HeadingName().Match(style.StyleName?.Val?.Value ?? "");
            if (match.Success)
            {
                return int.Parse(match.Groups[1].ValueSpan, provider: null);
            }
        }

        return 0;
    }

    // The style and the styles it is based on, nearest first; a cycle in basedOn ends the chain.
    private IEnumerable<Style> StyleChain(string? styleId)
    {
        var seen = new HashSet<string>();
        while (styleId is not null && seen.Add(styleId) && _styles.TryGetValue(styleId, out var style))
        {
            yield return style;
            styleId = style.BasedOn?.Val?.Value;
        }
    }

    [GeneratedRegex(@"^heading ([1-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingName();

    [GeneratedRegex(@"\b(code|source|preformatted|verbatim|listing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeStyleName();

    [GeneratedRegex(@"courier|consolas|mono|menlo|monaco|lucida console", RegexOptions.IgnoreCase)]
    private static partial Regex MonospaceFontName();
}
