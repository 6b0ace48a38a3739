using System.IO.Compression;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Rejects ZIP archives that would inflate beyond the configured limits (zip bombs) before any library opens
/// them. It first checks the sizes that the central directory declares, which costs no inflating, then
/// inflates each XML part once, counting bytes and stopping at its declared size, so that an archive that
/// understates its sizes is caught before Open XML SDK parses it.
/// </summary>
internal sealed class ZipArchiveGuard(DocumentParserOptions options)
{
    // Small entries cannot do harm whatever their ratio, and tiny XML parts often compress very well.
    private const long RatioCheckThresholdBytes = 1L << 20;

    private const int CopyBufferBytes = 81920;

    /// <summary>Throws <see cref="DocumentParseException"/> when the archive is malformed or too large once inflated.</summary>
    public void Check(ReadOnlyMemory<byte> content, string fileName)
    {
        using var stream = ByteStreams.Open(content);
        using var archive = OpenArchive(stream, fileName);
        CheckDeclaredSizes(archive, fileName);
        foreach (var entry in archive.Entries.Where(IsXmlPart))
        {
            CheckInflatedSize(entry, fileName);
        }
    }

    private static ZipArchive OpenArchive(Stream stream, string fileName)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException exception)
        {
            throw ParseErrors.Corrupt(fileName, "it is not a valid ZIP archive, which a DOCX file is.", exception);
        }
    }

    private void CheckDeclaredSizes(ZipArchive archive, string fileName)
    {
        if (archive.Entries.Count > options.MaxArchiveEntries)
        {
            throw TooLarge(fileName, $"it has {archive.Entries.Count:N0} entries, over the limit of " +
                $"{options.MaxArchiveEntries:N0} ({nameof(options.MaxArchiveEntries)}).");
        }

        long total = 0;
        foreach (var entry in archive.Entries)
        {
            CheckEntry(entry, fileName);
            total += entry.Length;
            if (total > options.MaxArchiveUncompressedBytes)
            {
                throw TooLarge(fileName, $"its entries inflate to more than {options.MaxArchiveUncompressedBytes:N0} " +
                    $"bytes ({nameof(options.MaxArchiveUncompressedBytes)}).");
            }
        }
    }

    private void CheckEntry(ZipArchiveEntry entry, string fileName)
    {
        var length = entry.Length;
        if (length > options.MaxArchiveEntryBytes)
        {
            throw TooLarge(fileName, $"the entry '{entry.FullName}' inflates to more than {options.MaxArchiveEntryBytes:N0} " +
                $"bytes ({nameof(options.MaxArchiveEntryBytes)}).");
        }

        if (length > RatioCheckThresholdBytes && length / Math.Max(1, entry.CompressedLength) > options.MaxCompressionRatio)
        {
            throw TooLarge(fileName, $"the entry '{entry.FullName}' inflates {length / Math.Max(1, entry.CompressedLength):N0} " +
                $"times, over the limit of {options.MaxCompressionRatio} ({nameof(options.MaxCompressionRatio)}).");
        }
    }

    private void CheckInflatedSize(ZipArchiveEntry entry, string fileName)
    {
        var buffer = new byte[CopyBufferBytes];
        long inflated = 0;
        try
        {
            using var inflater = entry.Open();
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                inflated += read;
                if (inflated > entry.Length)
                {
                    throw TooLarge(fileName, $"the entry '{entry.FullName}' inflates to more than the " +
                        $"{entry.Length:N0} bytes that the archive declares.");
                }
            }
        }
        catch (InvalidDataException exception)
        {
            throw ParseErrors.Corrupt(fileName, $"the archive entry '{entry.FullName}' is damaged.", exception);
        }
    }

    private static bool IsXmlPart(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
        || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static DocumentParseException TooLarge(string fileName, string reason) =>
        new(DocumentParseError.ArchiveTooLarge, fileName,
            $"The DOCX file '{fileName}' was rejected because {reason} This is how a zip bomb looks. " +
            $"If the document is genuine, ask the operator to raise the {DocumentParserOptions.SectionName} limits.");
}
