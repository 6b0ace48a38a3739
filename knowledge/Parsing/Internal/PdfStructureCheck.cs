using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Checks every object of an opened PDF before PdfPig reads a page, reading each object one level at a time:
/// references must not loop, and Form XObjects must not draw each other in a loop or nest deeper than
/// <see cref="DocumentParserOptions.MaxPdfFormNestingDepth"/>. PdfPig 0.1.16 follows both recursively, and
/// two forms that draw each other overflowed the stack and ended the process.
/// </summary>
/// <remarks>
/// NOTE: Only Form XObjects are checked. Tiling patterns, annotation appearances and Type 3 glyphs are content
/// streams that can draw forms too; whether PdfPig 0.1.16 runs them while it extracts text was not tested.
/// </remarks>
internal sealed partial class PdfStructureCheck(
    PdfDocument pdf,
    DocumentParserOptions options,
    string fileName,
    CancellationToken cancellationToken)
{
    // PDF writers have no reason to chain references to references, so 32 leaves room for odd files.
    private const int MaxReferenceChain = 32;

    private const int ObjectsPerCancellationCheck = 4096;

    private readonly IPdfTokenScanner _scanner = pdf.Structure.TokenScanner;
    private readonly PdfObjectGraph _references = new();
    private readonly PdfObjectGraph _forms = new();

    // The Form XObjects, by object number, and every name under which an XObject dictionary lists them.
    private readonly Dictionary<long, StreamToken> _formStreams = [];
    private readonly Dictionary<string, HashSet<long>> _formsByName = [];

    /// <summary>Throws <see cref="DocumentParseException"/> when the file's references or forms loop or nest too deeply.</summary>
    public void Run()
    {
        var objects = 0;
        foreach (var reference in pdf.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (++objects % ObjectsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Collect(reference, TryGet(reference));
        }

        ThrowIfReferencesLoop(_references, fileName);
        AddFormEdges();
        ThrowIfFormsLoopOrNestTooDeep();
    }

    /// <summary>
    /// Throws <see cref="DocumentParseException"/> when the references of <paramref name="references"/> loop or chain
    /// too long.
    /// </summary>
    public static void ThrowIfReferencesLoop(PdfObjectGraph references, string fileName)
    {
        switch (references.FindLoopOrLongPath(MaxReferenceChain))
        {
            case { IsLoop: true } loop:
                throw ParseErrors.Corrupt(fileName, $"its object {loop.ObjectNumber} refers to itself through a loop of references.");
            case { } chain:
                throw ParseErrors.Corrupt(fileName,
                    $"its object {chain.ObjectNumber} starts a chain of more than {MaxReferenceChain} references to references.");
            default:
                return;
        }
    }

    // A damaged object fails again when PdfPig reads a page, which reports it then.
    private ObjectToken? TryGet(IndirectReference reference)
    {
        try
        {
            return _scanner.Get(reference);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            return null;
        }
    }

    private void Collect(IndirectReference reference, ObjectToken? token)
    {
        switch (token?.Data)
        {
            case IndirectReferenceToken target:
                _references.Add(reference.ObjectNumber, target.Data.ObjectNumber);
                break;
            case StreamToken stream when IsForm(stream.StreamDictionary):
                _formStreams[reference.ObjectNumber] = stream;
                CollectXObjectNames(stream.StreamDictionary);
                break;
            case DictionaryToken dictionary:
                CollectXObjectNames(dictionary);
                break;
            default:
                break;
        }
    }

    // Pages, forms, patterns and Type 3 fonts name the XObjects they draw in their resources.
    private void CollectXObjectNames(DictionaryToken dictionary)
    {
        if (!dictionary.TryGet(NameToken.Resources, out var resources)
            || ResolveDirect(resources) is not DictionaryToken resourceDictionary
            || !resourceDictionary.TryGet(NameToken.Xobject, out var xObjects)
            || ResolveDirect(xObjects) is not DictionaryToken xObjectDictionary)
        {
            return;
        }

        foreach (var (name, value) in xObjectDictionary.Data)
        {
            if (value is IndirectReferenceToken target)
            {
                GetOrAdd(_formsByName, name).Add(target.Data.ObjectNumber);
            }
        }
    }

    private void AddFormEdges()
    {
        foreach (var (number, stream) in _formStreams)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ownNames = OwnXObjects(stream.StreamDictionary);
            foreach (var name in DrawnXObjectNames(stream))
            {
                // A form without its own resources draws with those of whatever draws it, so any form listed
                // under that name may be meant.
                var targets = ownNames is null ? _formsByName.GetValueOrDefault(name) : ownNames.GetValueOrDefault(name);
                foreach (var target in targets ?? [])
                {
                    // PdfPig skips a form that draws itself, so only longer loops and paths are a danger.
                    if (target != number && _formStreams.ContainsKey(target))
                    {
                        _forms.Add(number, target);
                    }
                }
            }
        }
    }

    private Dictionary<string, HashSet<long>>? OwnXObjects(DictionaryToken formDictionary)
    {
        if (!formDictionary.TryGet(NameToken.Resources, out var resources)
            || ResolveDirect(resources) is not DictionaryToken resourceDictionary)
        {
            return null;
        }

        var own = new Dictionary<string, HashSet<long>>();
        if (resourceDictionary.TryGet(NameToken.Xobject, out var xObjects) && ResolveDirect(xObjects) is DictionaryToken xObjectDictionary)
        {
            foreach (var (name, value) in xObjectDictionary.Data)
            {
                if (value is IndirectReferenceToken target)
                {
                    GetOrAdd(own, name).Add(target.Data.ObjectNumber);
                }
            }
        }

        return own;
    }

    private IEnumerable<string> DrawnXObjectNames(StreamToken stream)
    {
        Memory<byte> content;
        try
        {
            content = stream.Decode(pdf.Structure.FilterProvider, _scanner);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or OutOfMemoryException))
        {
            // PdfPig cannot draw a form it cannot decode either.
            return [];
        }

        var text = Encoding.Latin1.GetString(content.Span);
        return DrawOperator().Matches(text).Select(match => DecodeName(match.Groups["name"].Value)).Distinct();
    }

    private void ThrowIfFormsLoopOrNestTooDeep()
    {
        // A form at depth 1 is drawn by a page, and each edge adds a level.
        var maxDepth = options.MaxPdfFormNestingDepth;
        switch (_forms.FindLoopOrLongPath(maxDepth - 1))
        {
            case { IsLoop: true } loop:
                throw ParseErrors.Corrupt(fileName, $"its form XObject {loop.ObjectNumber} draws itself through a loop of forms.");
            case { } path:
                throw ParseErrors.TooDeep(fileName, $"form XObjects, starting at object {path.ObjectNumber},", maxDepth,
                    nameof(options.MaxPdfFormNestingDepth));
            default:
                return;
        }
    }

    // Follows references to the object they name. The chains were checked before, so the limit only guards
    // against a definition that PdfPig reads but the check did not see.
    private IToken? ResolveDirect(IToken token)
    {
        for (var step = 0; step <= MaxReferenceChain && token is IndirectReferenceToken reference; step++)
        {
            token = TryGet(reference.Data)?.Data ?? NullToken.Instance;
        }

        return token is IndirectReferenceToken ? null : token;
    }

    private static bool IsForm(DictionaryToken dictionary) =>
        dictionary.TryGet(NameToken.Subtype, out var subtype) && subtype is NameToken { Data: "Form" };

    private static HashSet<long> GetOrAdd(Dictionary<string, HashSet<long>> map, string name)
    {
        if (!map.TryGetValue(name, out var set))
        {
            set = [];
            map[name] = set;
        }

        return set;
    }

    // A name in a content stream may escape any byte as # and two hexadecimal digits.
    private static string DecodeName(string name) =>
        name.Contains('#') ? EscapedByte().Replace(name, match => ((char)Convert.ToByte(match.Value[1..], 16)).ToString()) : name;

    // A name, white space, then the Do operator, which draws the XObject of that name.
    [GeneratedRegex(@"/(?<name>[^\s/\[\]()<>{}%]+)\s+Do\b", RegexOptions.NonBacktracking)]
    private static partial Regex DrawOperator();

    [GeneratedRegex(@"#[0-9A-Fa-f]{2}")]
    private static partial Regex EscapedByte();
}
