using System.Diagnostics.Metrics;
using VoiceHelper.Grains.Knowledge;

namespace VoiceHelper.Tests.Knowledge;

[Trait("Category", "Unit")]
public sealed class IngestionMetricsTests
{
    [Fact]
    public void Ended_WithOutcome_CountsDocumentWithOutcomeTag()
    {
        using var recorder = new MeasurementRecorder("voicehelper.ingestion.documents");

        IngestionMetrics.Ended(IngestionMetrics.Started(), IngestionMetrics.Rejected);

        var measurement = Assert.Single(recorder.Measurements);
        Assert.Equal(1, measurement.Value);
        Assert.Equal(IngestionMetrics.Rejected, measurement.Tags["outcome"]);
    }

    [Fact]
    public void Ended_WithoutOutcome_OnlyEndsActiveCount()
    {
        using var documents = new MeasurementRecorder("voicehelper.ingestion.documents");
        using var active = new MeasurementRecorder("voicehelper.ingestion.active");

        IngestionMetrics.Ended(IngestionMetrics.Started(), outcome: null);

        Assert.Empty(documents.Measurements);
        Assert.Equal([1L, -1L], active.Measurements.Select(measurement => measurement.Value));
    }

    [Fact]
    public void Embedded_ChunkCount_Added()
    {
        using var recorder = new MeasurementRecorder("voicehelper.ingestion.chunks.embedded");

        IngestionMetrics.Embedded(16);

        Assert.Equal(16, Assert.Single(recorder.Measurements).Value);
    }

    // Records the long measurements of one instrument of the VoiceHelper.Knowledge meter. Tests of other classes
    // may record on the same static instruments meanwhile, so each test only looks at what it sent with a
    // listener of its own while it ran.
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(long Value, Dictionary<string, object?> Tags)> _measurements = [];
        private readonly int _threadId = Environment.CurrentManagedThreadId;

        public MeasurementRecorder(string instrumentName)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Name == instrumentName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (Environment.CurrentManagedThreadId != _threadId)
                {
                    return;
                }

                var copy = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                lock (_measurements)
                {
                    _measurements.Add((value, copy));
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<(long Value, Dictionary<string, object?> Tags)> Measurements
        {
            get
            {
                lock (_measurements)
                {
                    return [.. _measurements];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
