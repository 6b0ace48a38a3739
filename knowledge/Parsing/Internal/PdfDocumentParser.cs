using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Reads the text layer of a PDF with PdfPig as blocks in reading order with their page numbers. Running
/// headers, page numbers and table-of-contents entries are removed. Headings are found by font size, monospace
/// blocks are joined into code, and a paragraph that continues on the next page is joined with its rest.
/// </summary>
internal sealed class PdfDocumentParser(DocumentParserOptions options) : IFormatParser
{
    public DocumentFileType FileType => DocumentFileType.Pdf;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var (blocks, letterCount, pageCount, title) = Read(content, fileName, cancellationToken);
        if (letterCount == 0)
        {
            throw new DocumentParseException(DocumentParseError.NoExtractableText, fileName,
                $"The PDF '{fileName}' has no text layer: it looks scanned or made of images, and VoiceHelper does " +
                "not run OCR. Run OCR on it (for example with OCRmyPDF) or export it with text, then upload it again.");
        }

        var builder = new ParsedDocumentBuilder(fileName, FileType);
        AddBlocks(builder, PdfCodeMerger.Apply(PdfContentsFilter.Apply(PdfMarginFilter.Apply(blocks))));
        return builder.Build(title, pageCount);
    }

    private (List<PdfTextBlock> Blocks, int LetterCount, int PageCount, string? Title) Read(
        ReadOnlyMemory<byte> content,
        string fileName,
        CancellationToken cancellationToken)
    {
        // PdfPig follows references while it opens the file, so loops among them must be found in the raw bytes.
        var references = new PdfObjectGraph();
        PdfRawReferenceScanner.Scan(content.Span, references);
        PdfStructureCheck.ThrowIfReferencesLoop(references, fileName);
        var filters = new PdfBoundedFilterProvider(options, fileName, cancellationToken);
        try
        {
            using var pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, FilterProvider = filters });
            ThrowIfTooManyPages(pdf.NumberOfPages, fileName);
            new PdfStructureCheck(pdf, options, fileName, cancellationToken).Run();
            var (blocks, letterCount) = PdfPageReader.Read(pdf, options.MaxPdfLayoutWords, cancellationToken);
            filters.ThrowIfFailed();
            return (blocks, letterCount, pdf.NumberOfPages, pdf.Information.Title);
        }
        catch (PdfDocumentEncryptedException exception)
        {
            throw new DocumentParseException(DocumentParseError.Encrypted, fileName,
                $"The PDF '{fileName}' is protected by a password. Save a copy without the password and upload that.",
                exception);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException or DocumentParseException))
        {
            // PdfPig turns some errors of the filters into errors of its own, so cancellation and the filters'
            // limit come first.
            cancellationToken.ThrowIfCancellationRequested();
            filters.ThrowIfFailed();

            // PdfPig reports damaged files with many exception types (format, argument, index, invalid operation),
            // so every failure to read becomes a corrupt-document error that keeps the original as its cause.
            throw ParseErrors.Corrupt(fileName, "it is damaged or truncated, or uses PDF features that cannot be read.", exception);
        }
    }

    private void ThrowIfTooManyPages(int pageCount, string fileName)
    {
        if (pageCount > options.MaxPdfPages)
        {
            throw new DocumentParseException(DocumentParseError.TooComplex, fileName,
                $"The PDF '{fileName}' has {pageCount:N0} pages, over the limit of {options.MaxPdfPages:N0} " +
                $"({DocumentParserOptions.SectionName}:{nameof(options.MaxPdfPages)}). Split it into smaller files " +
                "or ask the operator to raise the limit.");
        }
    }

    private static void AddBlocks(ParsedDocumentBuilder builder, List<PdfTextBlock> blocks)
    {
        var headings = new PdfHeadingClassifier(blocks);
        var pending = (Text: "", Page: 0);
        foreach (var block in blocks)
        {
            var level = headings.LevelOf(block);
            if (level > 0 || block.IsMonospace)
            {
                FlushParagraph(builder, ref pending);
                AddHeadingOrCode(builder, block, level);
                continue;
            }

            var text = PdfLineJoiner.JoinProse(block.Lines);
            if (pending.Text.Length > 0 && ContinuesOnNextPage(pending.Text, pending.Page, text, block.Page))
            {
                pending.Text = PdfLineJoiner.JoinProse([pending.Text, text]);
                continue;
            }

            FlushParagraph(builder, ref pending);
            pending = (text, block.Page);
        }

        FlushParagraph(builder, ref pending);
    }

    private static void AddHeadingOrCode(ParsedDocumentBuilder builder, PdfTextBlock block, int level)
    {
        if (level > 0)
        {
            builder.AddHeading(level, string.Join(' ', block.Lines), block.Page);
        }
        else
        {
            builder.AddBlock(DocumentBlockKind.Code, PdfLineJoiner.JoinCode(block.Lines), block.Page);
        }
    }

    private static void FlushParagraph(ParsedDocumentBuilder builder, ref (string Text, int Page) pending)
    {
        if (pending.Text.Length > 0)
        {
            builder.AddBlock(DocumentBlockKind.Paragraph, pending.Text, pending.Page);
        }

        pending = ("", 0);
    }

    // A paragraph broken by a page break ends without closing punctuation, and its rest starts in lower case.
    private static bool ContinuesOnNextPage(string previous, int previousPage, string next, int nextPage) =>
        nextPage == previousPage + 1
        && !".!?:;。！？".Contains(previous[^1])
        && char.IsLower(next[0]);
}
