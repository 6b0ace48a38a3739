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
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseYamlFrontMatter()
        .Build();

    private readonly DepthLimitedHtmlParser _htmlParser = new(options);

    public DocumentFileType FileType => DocumentFileType.Markdown;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var text = TextDecoder.Decode(content.Span, fileName);
        var markdown = Markdown.Parse(text, Pipeline);
        var builder = new ParsedDocumentBuilder(fileName, FileType);
        var walker = new MarkdownBlockWalker(builder, _htmlParser, fileName, cancellationToken);
        foreach (var block in markdown)
        {
            walker.Visit(block, listMarker: null, inList: false);
        }

        return builder.Build(FrontMatterTitle(markdown));
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
