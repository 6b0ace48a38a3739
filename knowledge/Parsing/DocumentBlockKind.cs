namespace VoiceHelper.Knowledge.Parsing;

/// <summary>The role of a <see cref="DocumentBlock"/>, which decides how the chunker may split it.</summary>
public enum DocumentBlockKind
{
    /// <summary>A section heading; its text is the last entry of the block's heading path.</summary>
    Heading,

    /// <summary>Running prose, split at sentence boundaries.</summary>
    Paragraph,

    /// <summary>One item of a bulleted or numbered list, prefixed with <c>- </c> or its number.</summary>
    ListItem,

    /// <summary>A table, one row per line with cells separated by <c> | </c>; split only between rows.</summary>
    Table,

    /// <summary>Preformatted text such as code, SQL or a command synopsis; split only between lines.</summary>
    Code,
}
