using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Knowledge.Parsing;

/// <summary>
/// Limits that protect the parser from oversized and hostile uploads, read from the <c>Knowledge:Parsing</c>
/// configuration section.
/// </summary>
public sealed class DocumentParserOptions
{
    /// <summary>The configuration section that binds these options.</summary>
    public const string SectionName = "Knowledge:Parsing";

    /// <summary>The largest file accepted, in bytes. Default 64 MiB; allowed 1 KiB to 1 GiB.</summary>
    [Range(1024L, 1L << 30, ErrorMessage = "Knowledge:Parsing:MaxDocumentBytes must be between 1024 and 1073741824.")]
    public long MaxDocumentBytes { get; set; } = 64L << 20;

    /// <summary>
    /// The largest total size of a DOCX archive's entries once inflated, in bytes, as the archive's directory
    /// declares them. Checked before anything is inflated. Default 256 MiB; allowed 1 MiB to 4 GiB.
    /// </summary>
    [Range(1L << 20, 4L << 30, ErrorMessage =
        "Knowledge:Parsing:MaxArchiveUncompressedBytes must be between 1048576 and 4294967296.")]
    public long MaxArchiveUncompressedBytes { get; set; } = 256L << 20;

    /// <summary>
    /// The largest size of one DOCX archive entry once inflated, in bytes. Default 64 MiB, which is far above the
    /// main document part of a thousand-page report; allowed 64 KiB to 1 GiB.
    /// </summary>
    [Range(64L << 10, 1L << 30, ErrorMessage =
        "Knowledge:Parsing:MaxArchiveEntryBytes must be between 65536 and 1073741824.")]
    public long MaxArchiveEntryBytes { get; set; } = 64L << 20;

    /// <summary>
    /// The highest ratio of inflated to compressed size accepted for a DOCX archive entry larger than 1 MiB.
    /// Word's XML parts compress an estimated 5 to 20 times, while zip bombs compress hundreds to millions of times.
    /// Default 100; allowed 10 to 10000.
    /// </summary>
    [Range(10, 10_000, ErrorMessage = "Knowledge:Parsing:MaxCompressionRatio must be between 10 and 10000.")]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>The most entries a DOCX archive may have. Default 10000; allowed 10 to 1000000.</summary>
    [Range(10, 1_000_000, ErrorMessage = "Knowledge:Parsing:MaxArchiveEntries must be between 10 and 1000000.")]
    public int MaxArchiveEntries { get; set; } = 10_000;

    /// <summary>
    /// The deepest nesting of XML elements accepted in a DOCX part that the parser loads, counting the root
    /// element as level 1. The Open XML SDK loads a part recursively, and a part nested 20,000 levels deep
    /// overflowed the stack of a thread-pool thread, which ends the process. Word needs 8 levels for the text of a paragraph in a table
    /// and 3 more for each table nested in a cell. Default 256; allowed 16 to 2048.
    /// </summary>
    [Range(16, 2048, ErrorMessage = "Knowledge:Parsing:MaxDocxNestingDepth must be between 16 and 2048.")]
    public int MaxDocxNestingDepth { get; set; } = 256;

    /// <summary>
    /// The deepest nesting of HTML elements accepted, counting the <c>html</c> element as level 1. AngleSharp's
    /// tree construction does work in proportion to the depth for each tag, so deeper pages take quadratic time.
    /// Pages of the PostgreSQL 15 manual nest at most 19 levels. Default 256; allowed 16 to 2048.
    /// </summary>
    [Range(16, 2048, ErrorMessage = "Knowledge:Parsing:MaxHtmlNestingDepth must be between 16 and 2048.")]
    public int MaxHtmlNestingDepth { get; set; } = 256;

    /// <summary>
    /// The deepest nesting of Markdown block quotes, lists, emphasis and links accepted, passed to Markdig as its
    /// maximum nesting depth. Default 128, which is Markdig's own default; allowed 8 to 1024.
    /// </summary>
    [Range(8, 1024, ErrorMessage = "Knowledge:Parsing:MaxMarkdownNestingDepth must be between 8 and 1024.")]
    public int MaxMarkdownNestingDepth { get; set; } = 128;

    /// <summary>
    /// The maximum number of pages of a PDF. Text extraction with layout analysis took about 0.1 s per page of
    /// the libtasn1 manual on a 2-core machine, so the limit also bounds the time of one upload. Default 10000;
    /// allowed 1 to 1000000.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Knowledge:Parsing:MaxPdfPages must be between 1 and 1000000.")]
    public int MaxPdfPages { get; set; } = 10_000;

    /// <summary>
    /// The deepest nesting of PDF Form XObjects accepted, counting a form drawn by a page as level 1. PdfPig draws
    /// nested forms recursively, and 6,000 nested forms overflowed the stack of a thread-pool thread. Default 32;
    /// allowed 4 to 1024.
    /// </summary>
    [Range(4, 1024, ErrorMessage = "Knowledge:Parsing:MaxPdfFormNestingDepth must be between 4 and 1024.")]
    public int MaxPdfFormNestingDepth { get; set; } = 32;

    /// <summary>
    /// The maximum number of words on a PDF page that gets full layout analysis (blocks, then reading order). Its time grows
    /// faster than the number of words: a page of 9,761 scattered words took 18 s. A page with more words is read
    /// as lines from top to bottom, which loses columns and headings. Dense pages of prose have an estimated 500
    /// to 1,500 words. Default 5000; allowed 100 to 100000.
    /// </summary>
    [Range(100, 100_000, ErrorMessage = "Knowledge:Parsing:MaxPdfLayoutWords must be between 100 and 100000.")]
    public int MaxPdfLayoutWords { get; set; } = 5_000;

    /// <summary>
    /// The largest size of one PDF stream once decoded, in bytes. PdfPig decodes a whole stream into memory, and
    /// Flate compresses up to about 1,000 times, so a small file can decode to gigabytes. Page contents and fonts
    /// of real documents decode to a few megabytes each. Default 256 MiB; allowed 1 MiB to 2 GiB.
    /// </summary>
    [Range(1L << 20, int.MaxValue, ErrorMessage =
        "Knowledge:Parsing:MaxPdfStreamBytes must be between 1048576 and 2147483647.")]
    public long MaxPdfStreamBytes { get; set; } = 256L << 20;

    /// <summary>
    /// The maximum time that parsing one document may take. The parsers check it between pages, blocks and
    /// elements, so a step that is already running finishes first. At about 0.1 s per page of prose, the default
    /// leaves room for a PDF at the page limit. Default 30 minutes;
    /// allowed 1 second to 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = "Knowledge:Parsing:ParseTimeout must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan ParseTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
