using System.Diagnostics.Metrics;

namespace VoiceHelper.Inference.Batching;

/// <summary>
/// The instruments of <see cref="EmbeddingBatcher"/> on the <see cref="MeterName"/> meter, which the silo's
/// <c>/metrics</c> endpoint exports.
/// </summary>
internal sealed class EmbeddingBatcherMetrics : IDisposable
{
    public const string MeterName = "VoiceHelper.Inference";

    private static readonly int[] BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
    private static readonly double[] SecondsBuckets =
        [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter? _ownedMeter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _rejected;

    public EmbeddingBatcherMetrics(IMeterFactory? meterFactory, Func<int> queuedTexts, Func<int> queuedRequests)
    {
        var meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? (_ownedMeter = new Meter(MeterName));
        meter.CreateObservableGauge("voicehelper.inference.embedding.queued_texts", queuedTexts, "{text}",
            "Texts waiting in this silo's embedding queue.");
        meter.CreateObservableGauge("voicehelper.inference.embedding.queued_requests", queuedRequests, "{request}",
            "Requests waiting in this silo's embedding queue.");
        _batchSize = meter.CreateHistogram("voicehelper.inference.embedding.batch_size", "{text}",
            "Texts per ONNX Runtime run of the embedding model.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        _batchDuration = meter.CreateHistogram("voicehelper.inference.embedding.batch_duration", "s",
            "Time to tokenize, run and pool one batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _queueWait = meter.CreateHistogram("voicehelper.inference.embedding.queue_wait", "s",
            "Time from a request's arrival to the start of its batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _rejected = meter.CreateCounter<long>("voicehelper.inference.embedding.rejected", "{request}",
            "Requests rejected without running, by reason: queue_full or stopping.");
    }

    public void BatchRan(int texts, TimeSpan duration)
    {
        _batchSize.Record(texts);
        _batchDuration.Record(duration.TotalSeconds);
    }

    public void RequestStarted(TimeSpan queueWait) => _queueWait.Record(queueWait.TotalSeconds);

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _ownedMeter?.Dispose();
}
