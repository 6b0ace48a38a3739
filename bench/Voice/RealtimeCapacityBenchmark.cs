using VoiceHelper.Bench.Database;
using VoiceHelper.Bench.Gateway;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Bench.Voice;

/// <summary>
/// Concurrent realtime sessions on one silo, in rising numbers, each streaming a recording at real-time pace, to
/// find how many the silo serves before turn detection falls behind. Teardown prints how late
/// <c>speech_stopped</c> arrived at each number of sessions.
/// </summary>
internal sealed class RealtimeCapacityBenchmark : IBenchmark
{
    /// <summary>The p95 lag of <c>speech_stopped</c> beyond which turn detection counts as fallen behind.</summary>
    public const double LagBoundMs = 250;

    private const string Recording = "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav";

    // The session counts of the measured iterations, in order. Later iterations repeat the last.
    private static readonly int[] SessionSteps = [2, 4, 6, 8, 12, 16, 24, 32];

    private readonly string _tenantName = $"bench-realtime-capacity-{Guid.NewGuid():N}";
    private readonly List<StepResult> _steps = [];
    private readonly List<TurnLag> _baselineLags = [];
    private GatewayDeployment? _deployment;
    private short[] _samples = [];
    private string _model = string.Empty;
    private IterationCounts _counts = new(0, 0);
    private int _candidateRuns;
    private int _baselineRuns;

    public string Name => "realtime-capacity";

    public string Description =>
        "N /v1/realtime sessions of one gateway and silo (child processes) at once, each streaming LibriVox 0870 (7.1 s) " +
        "in 20 ms appends at real-time pace with server VAD and no answers, until the turn's transcript arrives; N rises from iteration to iteration " +
        $"({string.Join(", ", SessionSteps)}). Teardown prints, per N, how late speech_stopped arrived after the audio " +
        $"that completed 500 ms of silence was sent, the transcript's delay after it, and the first N whose p95 exceeds " +
        $"{LagBoundMs:0} ms";

    public string BaselineDescription => "one session alone streaming the same recording";

    public IterationCounts DefaultCounts => new(Warmup: 1, Measured: 6);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _counts = counts;
        _samples = WaveFile.Read(File.ReadAllBytes(Recording)).Samples;
        _deployment = await GatewayDeployment.StartAsync(BenchDatabase.ConnectionString, _tenantName, cancellationToken);
        _model = "bench-capacity-" + Guid.NewGuid().ToString("N")[..8];
        using var api = new ConversationApiClient(_deployment.Address, _deployment.ApiKey);
        await api.CreateKnowledgeBaseAsync(_model, cancellationToken);
    }

    public async Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        var measured = _candidateRuns - _counts.Warmup;
        var sessions = measured < 0 ? 1 : SessionSteps[Math.Min(measured, SessionSteps.Length - 1)];
        _candidateRuns++;
        var (lags, errors) = await RunSessionsAsync(sessions, cancellationToken);
        if (measured >= 0)
        {
            _steps.Add(new StepResult(sessions, lags, errors));
        }
    }

    public async Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        var (lags, _) = await RunSessionsAsync(1, cancellationToken);
        if (++_baselineRuns > _counts.Warmup)
        {
            _baselineLags.AddRange(lags);
        }
    }

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_steps.Count > 0)
            {
                Print();
            }
        }
        finally
        {
            if (_deployment is not null)
            {
                await _deployment.DisposeAsync();
            }

            await BenchDatabase.DeleteDeploymentDataAsync(_tenantName, _deployment?.ClusterId, cancellationToken);
        }
    }

    private async Task<(List<TurnLag> Lags, List<string> Errors)> RunSessionsAsync(int count, CancellationToken cancellationToken)
    {
        var deployment = _deployment ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
        var sessions = await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            TurnDetectionSession.ConnectAsync(deployment.Address, deployment.ApiKey, _model, cancellationToken)));
        try
        {
            var lags = await Task.WhenAll(sessions.Select(session => session.MeasureLagAsync(_samples, cancellationToken)));
            return ([.. lags], sessions.SelectMany(session => session.Errors).ToList());
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private void Print()
    {
        Console.WriteLine($"{Name}: ms from sending the audio that completed {TurnDetectionSession.SilenceDurationMs} ms of " +
            "silence to receiving speech_stopped, and from speech_stopped to the transcript, per number of concurrent " +
            "sessions:");
        Console.WriteLine($"  {"sessions",8} {"stop p50",9} {"stop p95",9} {"stop max",9} {"text p50",9} {"text p95",9}  errors");
        PrintRow(1, _baselineLags, []);
        foreach (var step in _steps)
        {
            PrintRow(step.Sessions, step.Lags, step.Errors);
        }

        var behind = _steps.FirstOrDefault(step => Percentile(SpeechStopped(step.Lags), 0.95) > LagBoundMs);
        Console.WriteLine(behind is null
            ? $"  turn detection kept within {LagBoundMs:0} ms (p95) up to {_steps.Max(step => step.Sessions)} sessions"
            : $"  turn detection fell behind (p95 over {LagBoundMs:0} ms) at {behind.Sessions} sessions");
    }

    private static void PrintRow(int sessions, List<TurnLag> lags, List<string> errors)
    {
        var stopped = SpeechStopped(lags);
        var transcript = lags.Select(lag => lag.TranscriptMs).ToList();
        var errorText = errors.Count == 0
            ? "none"
            : string.Join(", ", errors.GroupBy(code => code).Select(group => $"{group.Count()} {group.Key}"));
        Console.WriteLine($"  {sessions,8} {Percentile(stopped, 0.5),9:0} {Percentile(stopped, 0.95),9:0} {stopped.Max(),9:0} " +
            $"{Percentile(transcript, 0.5),9:0} {Percentile(transcript, 0.95),9:0}  {errorText}");
    }

    private static List<double> SpeechStopped(List<TurnLag> lags) => lags.Select(lag => lag.SpeechStoppedMs).ToList();

    private static double Percentile(List<double> values, double fraction) =>
        SampleSummary.Percentile([.. values.Order()], fraction);

    /// <summary>The lags and error codes of one iteration.</summary>
    private sealed record StepResult(int Sessions, List<TurnLag> Lags, List<string> Errors);
}
