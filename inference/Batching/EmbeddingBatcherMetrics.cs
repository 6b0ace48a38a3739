using System.Diagnostics.Metrics;

namespace VoiceHelper.Inference.Batching;

/// <summary>
/// The instruments of <see cref="EmbeddingBatcher"/> on the <see cref="MeterName"/> meter, which the silo's
/// <c>/metrics</c> endpoint exports. Every measurement carries the tag <c>model</c> = <see cref="ModelName"/>, so
/// that the models of later inference grains share the series names.
/// </summary>
internal sealed class EmbeddingBatcherMetrics : IDisposable
{
    public const string MeterName = "VoiceHelper.Inference";

    /// <summary>The value of the <c>model</c> tag, which the alert rules and dashboards of <c>monitoring/</c> use.</summary>
    public const string ModelName = "embedding";

    private static readonly KeyValuePair<string, object?> ModelTag = new("model", ModelName);
    private static readonly int[] BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
    private static readonly double[] SecondsBuckets =
        [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter? _ownedMeter;
    private readonly UpDownCounter<int> _queueDepth;
    private readonly UpDownCounter<int> _queuedTexts;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejected;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchDuration;
    private readonly Histogram<double> _queueWait;

    public EmbeddingBatcherMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(new MeterOptions(MeterName)) ?? (_ownedMeter = new Meter(MeterName));
        _queueDepth = meter.CreateUpDownCounter<int>("voicehelper.inference.queue.depth", "{request}",
            "Requests, or parts of larger requests, waiting for a batch on this silo.");
        _queuedTexts = meter.CreateUpDownCounter<int>("voicehelper.inference.queued.texts", "{text}",
            "Texts waiting for a batch on this silo.");
        _requests = meter.CreateCounter<long>("voicehelper.inference.requests", "{request}",
            "Requests that reached the batcher, accepted or rejected.");
        _rejected = meter.CreateCounter<long>("voicehelper.inference.requests.rejected", "{request}",
            "Requests rejected without running, by reason: queue_full or stopping.");
        _batchSize = meter.CreateHistogram<int>("voicehelper.inference.batch.size", "{text}",
            "Texts per model run.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchSizeBuckets });
        _batchDuration = meter.CreateHistogram<double>("voicehelper.inference.batch.duration", "s",
            "Time to tokenize, run and pool one batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _queueWait = meter.CreateHistogram<double>("voicehelper.inference.queue.wait", "s",
            "Time from a request's arrival to the start of its batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    /// <summary>Adds the change of the waiting requests and texts since the last call.</summary>
    public void QueueChanged(int requests, int texts)
    {
        if (requests != 0)
        {
            _queueDepth.Add(requests, ModelTag);
        }

        if (texts != 0)
        {
            _queuedTexts.Add(texts, ModelTag);
        }
    }

    public void RequestArrived() => _requests.Add(1, ModelTag);

    public void BatchRan(int texts, TimeSpan duration)
    {
        _batchSize.Record(texts, ModelTag);
        _batchDuration.Record(duration.TotalSeconds, ModelTag);
    }

    public void RequestStarted(TimeSpan queueWait) => _queueWait.Record(queueWait.TotalSeconds, ModelTag);

    public void Rejected(string reason) =>
        _rejected.Add(1, ModelTag, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => _ownedMeter?.Dispose();
}
