using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>Builds hostile ZIP archives from a valid DOCX: padded parts, many entries, and understated sizes.</summary>
internal static class ZipFixture
{
    private const string DocumentPart = "word/document.xml";

    /// <summary>
    /// Returns a copy of <paramref name="docx"/> whose main document part is padded by <paramref name="inflatedBytes"/>.
    /// </summary>
    /// <param name="docx">A valid DOCX.</param>
    /// <param name="inflatedBytes">The number of padding characters, which inflate to as many bytes.</param>
    /// <param name="compressible">Pads with spaces (compressing about a thousand times) or with random letters (about 1.3 times).</param>
    public static byte[] WithPaddedDocumentPart(byte[] docx, int inflatedBytes, bool compressible)
    {
        return Rewrite(docx, (name, content) =>
        {
            if (name != DocumentPart)
            {
                return content;
            }

            var xml = Encoding.UTF8.GetString(content);
            var padding = compressible ? new string(' ', inflatedBytes) : "<!--" + RandomLetters(inflatedBytes) + "-->";
            return Encoding.UTF8.GetBytes(xml.Replace("</w:body>", padding + "</w:body>", StringComparison.Ordinal));
        });
    }

    /// <summary>Returns a copy of <paramref name="docx"/> with extra entries of random letters.</summary>
    public static byte[] WithExtraEntries(byte[] docx, int count, int bytesEach)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            CopyEntries(docx, archive, (_, content) => content);
            for (var i = 0; i < count; i++)
            {
                var entry = archive.CreateEntry($"word/media/extra{i}.xml", CompressionLevel.Fastest);
                using var stream = entry.Open();
                stream.Write(Encoding.ASCII.GetBytes(RandomLetters(bytesEach)));
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// Overwrites the uncompressed size of <paramref name="entryName"/> in the central directory and the local
    /// header with <paramref name="declaredSize"/>, as a zip bomb that hides its size does.
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entryName, uint declaredSize)
    {
        var patched = zip.ToArray();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var offset = 0; offset + 46 <= patched.Length; offset++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(offset)) != 0x02014B50)
            {
                continue;
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan(offset + 28));
            if (!patched.AsSpan(offset + 46, nameLength).SequenceEqual(name))
            {
                continue;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(offset + 24), declaredSize);
            var localHeader = (int)BinaryPrimitives.ReadUInt32LittleEndian(patched.AsSpan(offset + 42));
            BinaryPrimitives.WriteUInt32LittleEndian(patched.AsSpan(localHeader + 22), declaredSize);
            return patched;
        }

        throw new InvalidOperationException($"The archive has no entry named '{entryName}'.");
    }

    private static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]> transform)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            CopyEntries(zip, archive, transform);
        }

        return output.ToArray();
    }

    private static void CopyEntries(byte[] zip, ZipArchive target, Func<string, byte[], byte[]> transform)
    {
        if (zip.Length == 0)
        {
            return;
        }

        using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        foreach (var entry in source.Entries)
        {
            using var input = entry.Open();
            using var content = new MemoryStream();
            input.CopyTo(content);
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize);
            using var output = copy.Open();
            output.Write(transform(entry.FullName, content.ToArray()));
        }
    }

    private static string RandomLetters(int length)
    {
        var random = new Random(42);
        return string.Create(length, random, (span, rng) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + rng.Next(26));
            }
        });
    }
}
