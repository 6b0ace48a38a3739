using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Inference.Logging;
using VoiceHelper.Inference.Models;
using VoiceHelper.Inference.Tokenization;

namespace VoiceHelper.Inference.Embeddings;

/// <summary>
/// Sentence embeddings with all-MiniLM-L6-v2 on ONNX Runtime: 384 values per text, L2-normalized, so that the dot
/// product of two vectors is their cosine similarity. Instances are thread-safe.
/// </summary>
/// <remarks>
/// A text is embedded from at most its first 256 tokens, the length the model was trained on, and the rest of a longer
/// text is ignored (<see cref="MiniLmTokenizer"/> describes the cut). Split long documents into passages before
/// embedding. Each call sorts its texts by length and runs them in batches of at most
/// <see cref="MiniLmEmbedderOptions.MaxBatchSize"/>, padded to the longest text of the batch. The attention mask keeps
/// padding out of the result, so a text gets the same vector alone or in any batch.
/// </remarks>
public sealed class MiniLmEmbedder : ITextEmbedder, IDisposable
{
    private readonly MiniLmEmbedderOptions _options;
    private readonly ILogger _logger;

    /// <summary>Verifies and loads the model files named by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="DirectoryNotFoundException">The model folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A model file is missing.</exception>
    /// <exception cref="InvalidDataException">A model file's SHA-256 differs from the recorded one.</exception>
    /// <exception cref="InvalidOperationException">The execution provider is unavailable or ONNX Runtime rejects the model.</exception>
    public MiniLmEmbedder(MiniLmEmbedderOptions options, ILogger<MiniLmEmbedder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger<MiniLmEmbedder>.Instance;

        var stopwatch = Stopwatch.StartNew();
        if (options.VerifyChecksums)
        {
            ModelFolder.Verify(options.ModelFolder, MiniLmModel.Files);
        }

        Tokenizer = MiniLmTokenizer.Create(Path.Combine(options.ModelFolder, MiniLmModel.Vocabulary.Name));
        Session = MiniLmSession.Open(Path.Combine(options.ModelFolder, MiniLmModel.Network.Name), options.Session);
        InferenceLog.EmbedderStarted(
            _logger, options.ModelFolder, options.Session.ExecutionProvider.ToString(), stopwatch.ElapsedMilliseconds,
            options.VerifyChecksums);
    }

    /// <inheritdoc/>
    public int Dimensions => MiniLmModel.Dimensions;

    /// <summary>The maximum number of texts that one model run takes (<see cref="MiniLmEmbedderOptions.MaxBatchSize"/>).</summary>
    public int MaxBatchSize => _options.MaxBatchSize;

    /// <summary>The tokenizer, for callers that count tokens or prepare batches for <see cref="Session"/>.</summary>
    public MiniLmTokenizer Tokenizer { get; }

    /// <summary>The model session, for callers that run pre-tokenized batches.</summary>
    public MiniLmSession Session { get; }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ValidateTexts(texts);

        // ONNX Runtime blocks the calling thread for the whole run, so the work leaves the caller's scheduler.
        return await Task.Run(() => Embed(texts, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Embeds <paramref name="texts"/> on the calling thread, with the result that <see cref="EmbedAsync"/> describes.</summary>
    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ValidateTexts(texts);
        var tokenized = new TokenizedText[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tokenized[i] = Tokenizer.Encode(texts[i]);
        }

        LogTruncation(tokenized);
        var order = Enumerable.Range(0, tokenized.Length).OrderBy(i => tokenized[i].Ids.Count).ToArray();
        var vectors = new float[texts.Count][];
        foreach (var chunk in order.Chunk(_options.MaxBatchSize))
        {
            var batch = TokenizedBatch.Create(chunk.Select(i => tokenized[i]).ToArray(), Tokenizer.PaddingTokenId);
            var chunkVectors = Session.Embed(batch, cancellationToken);
            for (var row = 0; row < chunk.Length; row++)
            {
                vectors[chunk[row]] = chunkVectors[row];
            }
        }

        return vectors;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Session.Dispose();
        InferenceLog.EmbedderStopped(_logger, _options.ModelFolder);
    }

    internal static void ValidateTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            throw new ArgumentException("At least one text is required.", nameof(texts));
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} of {texts.Count} is null. Pass an empty string for an empty text.", nameof(texts));
            }
        }
    }

    private void LogTruncation(TokenizedText[] tokenized)
    {
        var truncated = tokenized.Count(text => text.IsTruncated);
        if (truncated > 0)
        {
            InferenceLog.TextsTruncated(_logger, truncated, tokenized.Length, Tokenizer.MaxSequenceLength);
        }
    }
}
