using VoiceHelper.Knowledge.Chunking.Internal;
using VoiceHelper.Knowledge.Parsing;

namespace VoiceHelper.Knowledge.Chunking;

/// <summary>
/// Splits parsed documents into chunks that follow headings and sentence boundaries. A chunk contains text of
/// one section, with two exceptions. A section shorter than <see cref="ChunkingOptions.MinSectionCharacters"/>
/// shares chunks with the sections nested under it that follow, and consecutive short sections under one parent
/// heading share a chunk when they fit in one. Such a chunk's heading path is the part that all its text
/// shares. Thread-safe.
/// </summary>
public sealed class DocumentChunker : IDocumentChunker
{
    private readonly ChunkingOptions _options;
    private readonly ChunkPacker _packer;

    /// <summary>Creates a chunker with the default sizes.</summary>
    public DocumentChunker()
        : this(new ChunkingOptions())
    {
    }

    /// <summary>Creates a chunker with <paramref name="options"/>, which are validated here.</summary>
    /// <exception cref="ArgumentException">A size is out of its allowed range.</exception>
    public DocumentChunker(ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidation.ThrowIfInvalid(options, ChunkingOptions.SectionName);
        _options = options;
        _packer = new ChunkPacker(options);
    }

    /// <inheritdoc/>
    public IReadOnlyList<DocumentChunk> Chunk(string documentId, ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        ArgumentNullException.ThrowIfNull(document);
        var chunks = new List<DocumentChunk>();
        foreach (var units in GroupSections(SectionReader.Read(document, _options.MaxChunkCharacters)))
        {
            foreach (var (first, last) in _packer.Pack(units))
            {
                chunks.Add(CreateChunk(documentId, document, units, first, last, chunks.Count));
            }
        }

        return chunks;
    }

    // Yields the units of each run of sections that may share chunks. A run shorter than the minimum length takes
    // the next section when that section is nested under the run's first section. It also takes a next section
    // that is short itself and has the same parent heading, provided the run still fits in one chunk.
    private IEnumerable<List<TextUnit>> GroupSections(List<DocumentSection> sections)
    {
        var index = 0;
        while (index < sections.Count)
        {
            var root = sections[index];
            var units = new List<TextUnit>(root.Units);
            index++;
            while (index < sections.Count && CanJoin(root, units, sections[index]))
            {
                units.AddRange(sections[index].Units);
                index++;
            }

            if (units.Count > 0)
            {
                yield return units;
            }
        }
    }

    // Every section has at least one unit, because a section starts at a block and blocks are never blank.
    private bool CanJoin(DocumentSection root, List<TextUnit> units, DocumentSection next)
    {
        var length = units[^1].End - units[0].Start;
        if (length >= _options.MinSectionCharacters)
        {
            return false;
        }

        if (root.Contains(next))
        {
            return true;
        }

        var joinedLength = next.Units[^1].End - units[0].Start;
        return next.Length < _options.MinSectionCharacters
            && joinedLength <= _options.MaxChunkCharacters
            && root.SharesParentWith(next);
    }

    private static DocumentChunk CreateChunk(
        string documentId,
        ParsedDocument document,
        List<TextUnit> units,
        int first,
        int last,
        int index)
    {
        var start = units[first].Start;
        var end = units[last - 1].End;
        var page = units.Skip(first).Take(last - first).Select(unit => unit.Page).FirstOrDefault(page => page is not null);
        return new DocumentChunk(documentId, index, document.Title, SharedPath(units, first, last), page, start, end,
            document.Text[start..end]);
    }

    private static IReadOnlyList<string> SharedPath(List<TextUnit> units, int first, int last)
    {
        var path = units[first].HeadingPath;
        for (var i = first + 1; i < last && path.Count > 0; i++)
        {
            var other = units[i].HeadingPath;
            var shared = 0;
            while (shared < path.Count && shared < other.Count && path[shared] == other[shared])
            {
                shared++;
            }

            path = shared == path.Count ? path : path.Take(shared).ToArray();
        }

        return path;
    }
}
