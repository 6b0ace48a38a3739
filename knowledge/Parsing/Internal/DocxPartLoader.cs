using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Loads the root element of a DOCX part after a streaming <see cref="XmlReader"/> has checked that its elements
/// nest no deeper than <see cref="DocumentParserOptions.MaxDocxNestingDepth"/>. The Open XML SDK 3.3 loads a
/// part recursively: a part nested 20,000 levels deep overflowed the stack of a thread-pool thread, which no
/// catch block can stop. The parser must therefore load every part it reads through this class.
/// </summary>
internal sealed class DocxPartLoader(DocumentParserOptions options, string fileName, CancellationToken cancellationToken)
{
    // How many elements the depth scan reads between two checks of the cancellation token.
    private const int ElementsPerCancellationCheck = 4096;

    /// <summary>Returns the root element of <paramref name="part"/>, or <see langword="null"/> when there is no part.</summary>
    /// <exception cref="DocumentParseException">The part nests too deeply.</exception>
    /// <exception cref="XmlException">The part is not well-formed XML.</exception>
    public T? Load<T>(OpenXmlPart? part)
        where T : OpenXmlPartRootElement
    {
        if (part is null)
        {
            return null;
        }

        using (var stream = part.GetStream(FileMode.Open, FileAccess.Read))
        {
            CheckDepth(stream, part.Uri);
        }

        return part.RootElement as T;
    }

    private void CheckDepth(Stream stream, Uri partUri)
    {
        // The SDK's loader also rejects a DTD (Open XML SDK 3.3), and gets the same character limit.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxArchiveEntryBytes,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(stream, settings);
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            // XmlReader.Depth is 0 for the root element, so Depth + 1 elements are open.
            if (reader.Depth >= options.MaxDocxNestingDepth)
            {
                throw ParseErrors.TooDeep(fileName, $"XML elements in its part {partUri}",
                    options.MaxDocxNestingDepth, nameof(options.MaxDocxNestingDepth));
            }

            if (++elements % ElementsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
