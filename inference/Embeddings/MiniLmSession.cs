using Microsoft.ML.OnnxRuntime;
using VoiceHelper.Inference.Models;
using VoiceHelper.Inference.Onnx;
using VoiceHelper.Inference.Tokenization;

namespace VoiceHelper.Inference.Embeddings;

/// <summary>
/// An ONNX Runtime session of all-MiniLM-L6-v2 that runs pre-tokenized batches. Instances are thread-safe, because
/// ONNX Runtime allows concurrent runs of one session.
/// </summary>
/// <remarks>
/// <see cref="RunModel"/> is the bare model run, which a benchmark can compare with the whole path of
/// <see cref="MiniLmEmbedder.EmbedAsync"/>.
/// </remarks>
public sealed class MiniLmSession : IDisposable
{
    private const string TokenEmbeddingsOutput = "last_hidden_state";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = [TokenEmbeddingsOutput];

    private readonly InferenceSession _session;
    private long _runCount;

    private MiniLmSession(InferenceSession session)
    {
        _session = session;
    }

    /// <summary>Loads model.onnx from <paramref name="modelPath"/> without checking its checksum.</summary>
    /// <exception cref="InvalidOperationException">The execution provider is unavailable or ONNX Runtime rejects the model.</exception>
    public static MiniLmSession Open(string modelPath, OnnxSessionOptions options)
    {
        var session = OnnxSessionFactory.Create(modelPath, options);
        try
        {
            CheckSignature(session, modelPath);
            return new MiniLmSession(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model on <paramref name="batch"/> and returns its token embeddings (last_hidden_state),
    /// <see cref="TokenizedBatch.Count"/> × <see cref="TokenizedBatch.SequenceLength"/> × 384, row-major.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    public float[] RunModel(TokenizedBatch batch, CancellationToken cancellationToken = default) =>
        Run(batch, static (tokenEmbeddings, _) => tokenEmbeddings.ToArray(), cancellationToken);

    /// <summary>Runs the model on <paramref name="batch"/> and returns one pooled, L2-normalized vector per row.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    public float[][] Embed(TokenizedBatch batch, CancellationToken cancellationToken = default) =>
        Run(batch, static (tokenEmbeddings, batch) => PoolRows(tokenEmbeddings, batch), cancellationToken);

    /// <summary>
    /// The number of model runs that this session has started, whether they succeeded or not. Batching is judged by
    /// it: texts per run is the batch size.
    /// </summary>
    public long RunCount => Interlocked.Read(ref _runCount);

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private static float[][] PoolRows(ReadOnlySpan<float> tokenEmbeddings, TokenizedBatch batch)
    {
        var vectors = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            vectors[row] = MeanPooling.PoolRow(
                tokenEmbeddings, batch.AttentionMask, row, batch.SequenceLength, MiniLmModel.Dimensions);
        }

        return vectors;
    }

    private T Run<T>(TokenizedBatch batch, TokenEmbeddingsReader<T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        long[] shape = [batch.Count, batch.SequenceLength];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(batch.InputIdArray, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMaskArray, shape);
        using var tokenTypeIds = OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIdArray, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        Interlocked.Increment(ref _runCount);
        try
        {
            using var outputs = _session.Run(runOptions, InputNames, [inputIds, attentionMask, tokenTypeIds], OutputNames);
            return read(outputs[0].GetTensorDataAsSpan<float>(), batch);
        }
        catch (OnnxRuntimeException exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The model run was cancelled.", exception, cancellationToken);
        }
    }

    private static void CheckSignature(InferenceSession session, string modelPath)
    {
        var missingInputs = InputNames.Where(name => !session.InputMetadata.ContainsKey(name)).ToArray();
        var hasOutput = session.OutputMetadata.TryGetValue(TokenEmbeddingsOutput, out var output);
        if (missingInputs.Length == 0 && hasOutput && output!.Dimensions[^1] == MiniLmModel.Dimensions)
        {
            return;
        }

        throw new InvalidOperationException(
            $"'{modelPath}' is not a MiniLM embedding model: it needs inputs {string.Join(", ", InputNames)} and an output " +
            $"{TokenEmbeddingsOutput} of {MiniLmModel.Dimensions} values per token, but has inputs " +
            $"{string.Join(", ", session.InputMetadata.Keys)} and outputs {string.Join(", ", session.OutputMetadata.Keys)}.");
    }

    private delegate T TokenEmbeddingsReader<T>(ReadOnlySpan<float> tokenEmbeddings, TokenizedBatch batch);
}
