namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>Parses one file format; <see cref="DocumentParser"/> picks the implementation.</summary>
internal interface IFormatParser
{
    /// <summary>The format this parser reads.</summary>
    DocumentFileType FileType { get; }

    /// <summary>Parses <paramref name="content"/>, which is not empty and within the size limit.</summary>
    ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken);
}
