using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Reads CommonMark with Markdig, including pipe and grid tables and YAML front matter. ATX and setext
/// headings both open sections; the title is the front matter's <c>title</c>, otherwise the first top-level heading.
/// </summary>
internal sealed class MarkdownDocumentParser(DocumentParserOptions options) : IFormatParser
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder { MaximumNestingDepth = options.MaxMarkdownNestingDepth }
        .UsePipeTables()
        .UseGridTables()
        .UseYamlFrontMatter()
        .Build();

    private readonly DepthLimitedHtmlParser _htmlParser = new(options);

    public DocumentFileType FileType => DocumentFileType.Markdown;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(content.Span, fileName);
        var markdown = ParseMarkdown(text, fileName);
        var builder = new ParsedDocumentBuilder(fileName, FileType);
        var walker = new MarkdownBlockWalker(builder, _htmlParser, fileName, cancellationToken);
        foreach (var block in markdown)
        {
            walker.Visit(block, listMarker: null, inList: false);
        }

        return builder.Build(FrontMatterTitle(markdown));
    }

    private MarkdownDocument ParseMarkdown(string text, string fileName)
    {
        try
        {
            return Markdown.Parse(text, _pipeline);
        }
        catch (ArgumentException exception) when (exception.ParamName is null)
        {
            // Markdig 1.6 throws an ArgumentException without a parameter name when the input nests deeper than
            // the pipeline's MaximumNestingDepth. Its checks of its own arguments name the parameter.
            throw ParseErrors.TooDeep(fileName, "block quotes, lists or emphasis", options.MaxMarkdownNestingDepth,
                nameof(options.MaxMarkdownNestingDepth), exception);
        }
    }

    private static string? FrontMatterTitle(MarkdownDocument markdown)
    {
        var frontMatter = markdown.Descendants<YamlFrontMatterBlock>().FirstOrDefault();
        var line = frontMatter?.Lines.Lines
            .Select(line => line.ToString())
            .FirstOrDefault(line => line.StartsWith("title:", StringComparison.OrdinalIgnoreCase));
        return line?["title:".Length..].Trim().Trim('"', '\'');
    }
}
