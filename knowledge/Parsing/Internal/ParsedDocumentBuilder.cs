using System.Text;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Collects a document's blocks in reading order, tracks the heading path and joins the block texts into
/// the document's plain text, recording each block's offsets.
/// </summary>
internal sealed class ParsedDocumentBuilder(string fileName, DocumentFileType fileType)
{
    private const string BlockSeparator = "\n\n";

    private readonly StringBuilder _text = new();
    private readonly List<DocumentBlock> _blocks = [];
    private readonly List<int> _headingLevels = [];
    private string[] _headingPath = [];

    /// <summary>The number of blocks added so far.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>
    /// Adds a heading at <paramref name="level"/> (1 is outermost). It closes every open heading at the same or a
    /// deeper level, so levels need not be consecutive.
    /// </summary>
    public void AddHeading(int level, string text, int? page = null)
    {
        var heading = TextNormalizer.CollapseWhitespace(text).Replace('\n', ' ');
        if (heading.Length == 0)
        {
            return;
        }

        var keep = _headingLevels.FindIndex(open => open >= level);
        if (keep >= 0)
        {
            _headingLevels.RemoveRange(keep, _headingLevels.Count - keep);
            _headingPath = _headingPath[..keep];
        }

        _headingLevels.Add(level);
        _headingPath = [.. _headingPath, heading];
        Append(DocumentBlockKind.Heading, heading, page);
    }

    /// <summary>
    /// Adds a block under the current heading. Code keeps its lines; other kinds have their whitespace collapsed.
    /// Blocks without text are skipped.
    /// </summary>
    public void AddBlock(DocumentBlockKind kind, string text, int? page = null)
    {
        var normalized = kind is DocumentBlockKind.Code or DocumentBlockKind.Table
            ? TextNormalizer.TrimPreformatted(text)
            : TextNormalizer.CollapseWhitespace(text);
        if (normalized.Length > 0)
        {
            Append(kind, normalized, page);
        }
    }

    /// <summary>
    /// Creates the document. The title is <paramref name="title"/> when it has text, otherwise the first
    /// outermost heading, otherwise the file name without its extension.
    /// </summary>
    /// <exception cref="DocumentParseException">No block has a letter or digit.</exception>
    public ParsedDocument Build(string? title, int? pageCount = null)
    {
        var text = _text.ToString();
        if (!text.Any(char.IsLetterOrDigit))
        {
            throw ParseErrors.NoText(fileName);
        }

        return new ParsedDocument(ChooseTitle(title), fileType, text, _blocks.ToArray(), pageCount);
    }

    private void Append(DocumentBlockKind kind, string text, int? page)
    {
        if (_text.Length > 0)
        {
            _text.Append(BlockSeparator);
        }

        var start = _text.Length;
        _text.Append(text);
        _blocks.Add(new DocumentBlock(kind, _headingPath, page, start, _text.Length, text));
    }

    private string ChooseTitle(string? title)
    {
        var normalized = TextNormalizer.CollapseWhitespace(title ?? "").Replace('\n', ' ');
        if (normalized.Length > 0)
        {
            return normalized;
        }

        var heading = _blocks.FirstOrDefault(block => block.Kind == DocumentBlockKind.Heading && block.HeadingPath.Count == 1);
        if (heading is not null)
        {
            return heading.Text;
        }

        var stem = Path.GetFileNameWithoutExtension(fileName);
        return stem.Length > 0 ? stem : fileName;
    }
}
