using System.IO.Compression;
using System.Runtime.ExceptionServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Wraps PdfPig's stream filters so that no stream decodes to more than
/// <see cref="DocumentParserOptions.MaxPdfStreamBytes"/>, and so that decoding stops when the parse is cancelled.
/// PdfPig 0.1.16 inflates a whole stream into memory: a 0.5 MB PDF inflated to 512 MiB and took 1.9 GB of memory.
/// The filters run inside PdfPig's page reading, which has no other point to check the cancellation token.
/// PdfPig catches some exceptions of filters, while it opens the file for one, and may then read on without the
/// stream, so the caller asks <see cref="ThrowIfFailed"/> afterwards.
/// </summary>
internal sealed class PdfBoundedFilterProvider(
    DocumentParserOptions options,
    string fileName,
    CancellationToken cancellationToken) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;
    private DocumentParseException? _failure;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    /// <summary>Throws the error of the first stream that decoded past the limit, if any did.</summary>
    public void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }
    }

    private long MaxStreamBytes => options.MaxPdfStreamBytes;

    private IReadOnlyList<IFilter> Wrap(IReadOnlyList<IFilter> filters) =>
        filters.Select(filter => (IFilter)new BoundedFilter(filter, this)).ToList();

    private void ThrowIfCancelled() => cancellationToken.ThrowIfCancellationRequested();

    private DocumentParseException TooLarge() =>
        _failure ??= new(DocumentParseError.ArchiveTooLarge, fileName,
            $"The PDF '{fileName}' was rejected because one of its streams decodes to more than " +
            $"{options.MaxPdfStreamBytes:N0} bytes ({DocumentParserOptions.SectionName}:{nameof(options.MaxPdfStreamBytes)}). " +
            "This is how a decompression bomb looks. If the document is genuine, ask the operator to raise the limit.");

    private sealed class BoundedFilter(IFilter inner, PdfBoundedFilterProvider provider) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(
            Memory<byte> input,
            DictionaryToken streamDictionary,
            IFilterProvider filterProvider,
            int filterIndex)
        {
            provider.ThrowIfCancelled();
            var limit = provider.MaxStreamBytes;

            // Flate is the filter of most streams and the one that bombs compress with, so its output is counted
            // before PdfPig allocates it. Other filters are checked after they decode.
            if (inner is FlateFilter && InflatedLength(input, limit) > limit)
            {
                throw provider.TooLarge();
            }

            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            return output.Length > limit ? throw provider.TooLarge() : output;
        }

        // Inflates into a scratch buffer and counts the bytes, stopping past the limit. Reading raw Deflate after
        // the two-byte zlib header also counts streams whose header or checksum is damaged.
        private static long InflatedLength(Memory<byte> input, long limit)
        {
            if (input.Length <= 2)
            {
                return 0;
            }

            var buffer = new byte[81920];
            long total = 0;
            try
            {
                using var inflater = new DeflateStream(ByteStreams.Open(input[2..]), CompressionMode.Decompress);
                int read;
                while (total <= limit && (read = inflater.Read(buffer)) > 0)
                {
                    total += read;
                }
            }
            catch (InvalidDataException)
            {
                // Counting stops at the damage; the check after PdfPig decodes still applies.
            }

            return total;
        }
    }
}
