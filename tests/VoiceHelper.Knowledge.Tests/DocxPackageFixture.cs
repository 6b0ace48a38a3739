using System.IO.Compression;
using System.Text;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>
/// Writes DOCX packages from raw XML, for documents that the Open XML SDK would refuse to write or would
/// overflow the stack writing: parts nested thousands of levels deep, and packages without a main part.
/// </summary>
internal static class DocxPackageFixture
{
    public const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private const string MainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private const string StylesContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
    private const string CorePropertiesContentType = "application/vnd.openxmlformats-package.core-properties+xml";
    private const string CorePropertiesNamespace = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    private const string CorePropertiesRelationship =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeDocumentRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    private const string StylesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";

    /// <summary>Returns a DOCX whose body is <paramref name="bodyXml"/>, with styles and core properties if given.</summary>
    /// <param name="bodyXml">The content of <c>w:body</c>; the <c>w</c> prefix is bound.</param>
    /// <param name="stylesXml">The content of <c>w:styles</c>, or <see langword="null"/> for no styles part.</param>
    /// <param name="corePropertiesXml">
    /// The content of <c>cp:coreProperties</c>, with the <c>cp</c> and <c>dc</c> prefixes bound, or
    /// <see langword="null"/> for no core properties part.
    /// </param>
    public static byte[] Create(string bodyXml, string? stylesXml = null, string? corePropertiesXml = null)
    {
        var document = $"{XmlDeclaration}<w:document xmlns:w=\"{WordNamespace}\"><w:body>{bodyXml}</w:body></w:document>";
        var styles = stylesXml is null ? null : $"{XmlDeclaration}<w:styles xmlns:w=\"{WordNamespace}\">{stylesXml}</w:styles>";
        var coreProperties = corePropertiesXml is null
            ? null
            : $"{XmlDeclaration}<cp:coreProperties xmlns:cp=\"{CorePropertiesNamespace}\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + $"{corePropertiesXml}</cp:coreProperties>";
        return Package(document, styles, coreProperties);
    }

    /// <summary>Returns a DOCX whose package relationships name <c>word/document.xml</c>, which the archive lacks.</summary>
    public static byte[] WithoutMainPart() => Package(documentXml: null, stylesXml: null, corePropertiesXml: null);

    private static byte[] Package(string? documentXml, string? stylesXml, string? corePropertiesXml)
    {
        var contentTypes = $"{XmlDeclaration}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + $"<Override PartName=\"/word/document.xml\" ContentType=\"{MainContentType}\"/>"
            + $"<Override PartName=\"/word/styles.xml\" ContentType=\"{StylesContentType}\"/>"
            + $"<Override PartName=\"/docProps/core.xml\" ContentType=\"{CorePropertiesContentType}\"/></Types>";
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(archive, "[Content_Types].xml", contentTypes);
            var mainPart = ("rId1", OfficeDocumentRelationship, "word/document.xml");
            var packageRelationships = corePropertiesXml is null
                ? Relationships(mainPart)
                : Relationships(mainPart, ("rId2", CorePropertiesRelationship, "docProps/core.xml"));
            Add(archive, "_rels/.rels", packageRelationships);
            if (corePropertiesXml is not null)
            {
                Add(archive, "docProps/core.xml", corePropertiesXml);
            }

            if (documentXml is not null)
            {
                Add(archive, "word/document.xml", documentXml);
            }

            if (stylesXml is not null)
            {
                Add(archive, "word/_rels/document.xml.rels", Relationships(("rId1", StylesRelationship, "styles.xml")));
                Add(archive, "word/styles.xml", stylesXml);
            }
        }

        return output.ToArray();
    }

    private static string Relationships(params (string Id, string Type, string Target)[] relationships) =>
        $"{XmlDeclaration}<Relationships xmlns=\"{RelationshipsNamespace}\">"
        + string.Concat(relationships.Select(r => $"<Relationship Id=\"{r.Id}\" Type=\"{r.Type}\" Target=\"{r.Target}\"/>"))
        + "</Relationships>";

    private static void Add(ZipArchive archive, string name, string content)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
