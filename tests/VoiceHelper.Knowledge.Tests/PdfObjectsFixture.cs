using System.IO.Compression;
using System.Text;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>
/// Writes PDF files object by object, for structures that PdfPig's writer cannot produce: references that loop,
/// forms that draw each other, and objects compressed into an object stream.
/// </summary>
internal static class PdfObjectsFixture
{
    public const string Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    public const string TextContent = "BT /F1 12 Tf 72 720 Td (Hello from the fixture) Tj ET";

    /// <summary>Returns a PDF whose objects are <paramref name="objects"/>, numbered from 1; object 1 is the catalog.</summary>
    public static byte[] Build(IReadOnlyList<string> objects)
    {
        var (file, offsets) = WriteObjects(objects);
        var xref = file.Length;
        file.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            file.Append($"{offset:D10} 00000 n \n");
        }

        file.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(file.ToString());
    }

    /// <summary>
    /// Returns a PDF whose objects are <paramref name="objects"/>, numbered from 1, followed by the objects
    /// <paramref name="compressed"/> inside one object stream, and a cross-reference stream that finds them.
    /// </summary>
    /// <param name="objects">The objects written as usual; object 1 is the catalog.</param>
    /// <param name="compressed">The objects stored in the object stream, numbered after <paramref name="objects"/>.</param>
    /// <param name="flate">Compresses the object stream with FlateDecode, or leaves it uncompressed.</param>
    /// <param name="paddingBytes">Spaces written after the compressed objects, to make the stream large.</param>
    public static byte[] BuildWithObjectStream(
        IReadOnlyList<string> objects,
        IReadOnlyList<string> compressed,
        bool flate,
        int paddingBytes = 0)
    {
        var firstCompressed = objects.Count + 1;
        var streamNumber = firstCompressed + compressed.Count;
        var (file, offsets) = WriteObjects(objects);

        var header = new StringBuilder();
        var body = new StringBuilder();
        for (var i = 0; i < compressed.Count; i++)
        {
            header.Append($"{firstCompressed + i} {body.Length} ");
            body.Append(compressed[i]).Append('\n');
        }

        var data = Encoding.Latin1.GetBytes(header.ToString() + body + new string(' ', paddingBytes));
        var filter = flate ? "/Filter /FlateDecode " : "";
        var streamData = flate ? Deflate(data) : data;
        var streamOffset = file.Length;
        var dictionary = $"/Type /ObjStm /N {compressed.Count} /First {header.Length} {filter}/Length {streamData.Length}";
        file.Append($"{streamNumber} 0 obj\n<< {dictionary} >>\nstream\n")
            .Append(Encoding.Latin1.GetString(streamData)).Append("\nendstream\nendobj\n");

        // Entries of 1 + 4 + 2 bytes: type 1 is an offset in the file, type 2 an object stream and an index in it.
        var xrefNumber = streamNumber + 1;
        var xrefOffset = file.Length;
        var entries = new List<byte[]> { Entry(0, 0, 65535) };
        entries.AddRange(offsets.Select(offset => Entry(1, offset, 0)));
        entries.AddRange(Enumerable.Range(0, compressed.Count).Select(index => Entry(2, streamNumber, index)));
        entries.Add(Entry(1, streamOffset, 0));
        entries.Add(Entry(1, xrefOffset, 0));
        var table = entries.SelectMany(entry => entry).ToArray();
        file.Append($"{xrefNumber} 0 obj\n<< /Type /XRef /Size {xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Length {table.Length} >>\nstream\n")
            .Append(Encoding.Latin1.GetString(table)).Append("\nendstream\nendobj\n")
            .Append($"startxref\n{xrefOffset}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(file.ToString());
    }

    /// <summary>Returns the objects of a one-page document: catalog, page tree, page, content and font.</summary>
    /// <param name="pageExtra">Entries added to the page dictionary, such as <c>/Resources 6 0 R</c>.</param>
    /// <param name="content">The page's content stream.</param>
    /// <param name="resources">The page's resources, unless <paramref name="pageExtra"/> names them.</param>
    public static List<string> OnePage(
        string pageExtra = "",
        string content = TextContent,
        string resources = "<< /Font << /F1 5 0 R >> >>")
    {
        var page = pageExtra.Contains("/Resources", StringComparison.Ordinal)
            ? $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R {pageExtra} >>"
            : $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources {resources} {pageExtra} >>";
        return ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, Stream(content), Font];
    }

    /// <summary>Returns a stream object with <paramref name="content"/> and any extra dictionary entries.</summary>
    public static string Stream(string content, string dictionary = "") =>
        $"<< {dictionary} /Length {content.Length} >>\nstream\n{content}\nendstream";

    /// <summary>
    /// Returns a FlateDecode stream object of <paramref name="content"/> followed by <paramref name="paddingBytes"/>
    /// spaces, which compress about a thousand times.
    /// </summary>
    public static string FlateStream(string content, int paddingBytes)
    {
        var data = Deflate(Encoding.Latin1.GetBytes(content + new string(' ', paddingBytes)));
        return $"<< /Filter /FlateDecode /Length {data.Length} >>\nstream\n{Encoding.Latin1.GetString(data)}\nendstream";
    }

    /// <summary>Returns a Form XObject that writes text and draws the form named <c>/X</c> in its resources.</summary>
    /// <param name="drawn">The object number of the form that this one draws, or null to draw none.</param>
    public static string Form(int? drawn)
    {
        var content = drawn is null ? TextContent : TextContent + " q /X Do Q";
        var xObjects = drawn is null ? "" : $"/XObject << /X {drawn} 0 R >>";
        return Stream(content, $"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> {xObjects} >>");
    }

    private static (StringBuilder File, List<int> Offsets) WriteObjects(IReadOnlyList<string> objects)
    {
        // Every character is one byte in Latin-1, so string lengths are byte offsets.
        var file = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(file.Length);
            file.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        return (file, offsets);
    }

    private static byte[] Entry(byte type, int field2, int field3) =>
        [type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3];

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflater = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(data);
        }

        return output.ToArray();
    }
}
