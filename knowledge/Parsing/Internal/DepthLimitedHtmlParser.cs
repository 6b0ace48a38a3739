using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Parses HTML with AngleSharp and rejects a page whose elements nest deeper than
/// <see cref="DocumentParserOptions.MaxHtmlNestingDepth"/>. AngleSharp 1.10 scans the stack of open elements
/// for many start tags, so its time grows with the square of the depth: 100,000 nested <c>div</c> elements took
/// over a minute. The walkers that read the tree recurse once per level.
/// </summary>
/// <remarks>
/// NOTE: The limit bounds AngleSharp's work per tag by the depth, not the time of the whole parse. On a 2-core
/// machine, 4 MB of list items took 9.6 s under 253 nested div elements and 5.5 s under 10, so a page of the
/// maximum upload size near the limit can take minutes.
/// </remarks>
internal sealed class DepthLimitedHtmlParser(DocumentParserOptions options)
{
    private int MaxDepth => options.MaxHtmlNestingDepth;

    /// <summary>Parses a file's bytes, which AngleSharp decodes as a browser does.</summary>
    /// <exception cref="DocumentParseException">Elements nest deeper than the limit.</exception>
    public IHtmlDocument Parse(Stream content, string fileName) =>
        Parse(parser => parser.ParseDocument(content), fileName);

    /// <summary>Parses HTML that is already text, such as an HTML block of a Markdown file.</summary>
    /// <exception cref="DocumentParseException">Elements nest deeper than the limit.</exception>
    public IHtmlDocument Parse(string content, string fileName) =>
        Parse(parser => parser.ParseDocument(content), fileName);

    private IHtmlDocument Parse(Func<HtmlParser, IHtmlDocument> parse, string fileName)
    {
        // AngleSharp reports each element before it inserts it, so each report checks the element reported before,
        // which is in the tree by then. That stops the parse soon after the limit is passed.
        IElement? previous = null;
        var parserOptions = new HtmlParserOptions
        {
            OnCreated = (element, _) =>
            {
                if (previous is not null && IsDeeperThanLimit(previous))
                {
                    throw TooDeep(fileName);
                }

                previous = element;
            },
        };
        var document = parse(new HtmlParser(parserOptions));
        try
        {
            // The tree builder also creates elements that it never reports, when it reopens formatting elements
            // such as b after a block closes, so one pass over the finished tree measures the exact depth.
            ThrowIfTooDeep(document, fileName);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // Counts ancestors only up to the limit, so checking an element costs at most MaxDepth steps.
    private bool IsDeeperThanLimit(IElement element)
    {
        var depth = 1;
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (++depth > MaxDepth)
            {
                return true;
            }
        }

        return false;
    }

    // Walks the tree in document order with a stack of child lists instead of recursion. It indexes the lists
    // because AngleSharp's NextSibling searches the parent's children, which is quadratic on wide pages.
    private void ThrowIfTooDeep(IDocument document, string fileName)
    {
        // Each entry is a list of children and the index of the next child to visit. The stack contains one entry
        // per open level, so its size is the depth of the element just reached.
        var stack = new Stack<(INodeList Children, int Next)>();
        stack.Push((document.ChildNodes, 0));
        while (stack.Count > 0)
        {
            var (children, next) = stack.Pop();
            if (next >= children.Length)
            {
                continue;
            }

            stack.Push((children, next + 1));
            if (children[next] is not IElement element)
            {
                continue;
            }

            if (stack.Count > MaxDepth)
            {
                throw TooDeep(fileName);
            }

            stack.Push((element.ChildNodes, 0));
        }
    }

    private DocumentParseException TooDeep(string fileName) =>
        ParseErrors.TooDeep(fileName, "HTML elements", MaxDepth, nameof(options.MaxHtmlNestingDepth));
}
