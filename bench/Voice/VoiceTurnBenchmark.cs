using System.Diagnostics;
using System.Net.Http.Headers;
using VoiceHelper.Bench.Database;
using VoiceHelper.Bench.Gateway;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Bench.Voice;

/// <summary>
/// A spoken question through <c>/v1/realtime</c> of a real gateway and silo, from the first sample of the recording
/// to the first byte of the spoken answer, compared with the speech engines' own compute for the same turn run
/// alone in this process. Teardown prints each stage's latency after the last sample, at 1 and 4 concurrent
/// sessions.
/// </summary>
internal sealed class VoiceTurnBenchmark : IBenchmark
{
    private const string Recording = "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav";
    private const string ManualFolder = "/usr/share/doc/postgresql-doc-15/html";
    private const int Concurrency = 4;
    private const int ConcurrentTurns = 3;
    private const int Greetings = 10;
    private static readonly string[] Pages = ["sql-vacuum.html", "sql-createindex.html", "indexes-types.html"];

    private readonly string _tenantName = $"bench-voice-turn-{Guid.NewGuid():N}";
    private readonly List<VoiceTurnTiming> _timings = [];
    private readonly List<double> _engineMilliseconds = [];
    private GatewayDeployment? _deployment;
    private RealtimeTurnClient? _client;
    private PocketSphinxRecognizer? _recognizer;
    private ESpeakSynthesizer? _synthesizer;
    private short[] _samples = [];
    private string _model = string.Empty;
    private IterationCounts _counts = new(0, 0);
    private int _candidateRuns;
    private int _baselineRuns;

    public string Name => "voice-turn";

    public string Description =>
        "one spoken question (LibriVox 0880, 3.0 s) streamed in 20 ms appends at real-time pace to /v1/realtime of a " +
        "gateway and silo started as child processes, timed from its first sample to the first response.output_audio." +
        "delta, so the 3.0 s of the recording are part of it. Teardown prints each stage from the last sample (500 ms of " +
        "silence for server VAD, recognition, the stored voice turn, retrieval and answering over three PostgreSQL " +
        "manual pages, synthesis of the first sentence) at 1 and 4 concurrent sessions, its ratio to the baseline, " +
        "and the time from connecting to the first audio of a greeting";

    public string BaselineDescription =>
        "the engines alone in the benchmark process: PocketSphinx recognizing the same recording, then eSpeak NG " +
        "synthesizing the answer's first sentence up to its first chunk";

    public IterationCounts DefaultCounts => new(Warmup: 2, Measured: 10);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        _counts = counts;
        _samples = WaveFile.Read(File.ReadAllBytes(Recording)).Samples;
        _deployment = await GatewayDeployment.StartAsync(BenchDatabase.ConnectionString, _tenantName, cancellationToken);
        _model = "bench-voice-" + Guid.NewGuid().ToString("N")[..8];
        await UploadManualAsync(_deployment, _model, cancellationToken);
        _client = await RealtimeTurnClient.ConnectAsync(_deployment.Address, _deployment.ApiKey, _model, cancellationToken);
        _recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions());
        _synthesizer = new ESpeakSynthesizer(new ESpeakOptions());
    }

    public async Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        var timing = await Ready(_client).SpeakAsync(_samples, cancellationToken);
        if (++_candidateRuns > _counts.Warmup)
        {
            _timings.Add(timing);
        }
    }

    public async Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await Ready(_recognizer).RecognizeAsync(_samples, RecognitionOptions.Default, cancellationToken);
        var request = new SynthesisRequest("I could not find an answer to that in the knowledge base.");
        await foreach (var _ in Ready(_synthesizer).SynthesizeAsync(request, cancellationToken))
        {
            break;
        }

        if (++_baselineRuns > _counts.Warmup)
        {
            _engineMilliseconds.Add(clock.Elapsed.TotalMilliseconds);
        }
    }

    public async Task TeardownAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_client is not null && _deployment is not null && _candidateRuns >= _counts.Warmup + _counts.Measured)
            {
                Print(1, _timings);
                var engines = SampleSummary.Percentile([.. _engineMilliseconds.Order()], 0.5);
                var firstAudio = SampleSummary.Percentile([.. _timings.Select(timing => timing.FirstAudioMs).Order()], 0.5);
                Console.WriteLine($"  first audio byte / engines alone (p50): {firstAudio / engines:0.00}x " +
                    $"({firstAudio:0} ms / {engines:0} ms)");
                Print(Concurrency, await RunConcurrentAsync(_deployment, cancellationToken));
                await PrintGreetingAsync(_deployment, cancellationToken);
            }
        }
        finally
        {
            if (_client is not null)
            {
                await _client.DisposeAsync();
            }

            _recognizer?.Dispose();
            if (_deployment is not null)
            {
                await _deployment.DisposeAsync();
            }

            await BenchDatabase.DeleteDeploymentDataAsync(_tenantName, _deployment?.ClusterId, cancellationToken);
        }
    }

    private async Task<List<VoiceTurnTiming>> RunConcurrentAsync(GatewayDeployment deployment, CancellationToken cancellationToken)
    {
        var sessions = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ =>
            RealtimeTurnClient.ConnectAsync(deployment.Address, deployment.ApiKey, _model, cancellationToken)));
        try
        {
            var runs = await Task.WhenAll(sessions.Select(async session =>
            {
                var timings = new List<VoiceTurnTiming>();
                for (var turn = 0; turn < ConcurrentTurns; turn++)
                {
                    timings.Add(await session.SpeakAsync(_samples, cancellationToken));
                }

                return timings;
            }));
            return runs.SelectMany(timings => timings).ToList();
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private async Task PrintGreetingAsync(GatewayDeployment deployment, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < Greetings; i++)
        {
            times.Add(await RealtimeTurnClient.MeasureGreetingAsync(deployment.Address, deployment.ApiKey, _model, cancellationToken));
        }

        Console.WriteLine($"{Name}: {Greetings} new sessions, ms from starting the connection to the greeting's first " +
            "audio delta (session.created, session.update, response.create) (p50 / p95):");
        PrintStage("greeting audio", times);
    }

    private void Print(int sessions, IReadOnlyList<VoiceTurnTiming> timings)
    {
        Console.WriteLine($"{Name}: {timings.Count} turns at {sessions} concurrent session(s), ms after the last sample " +
            "of the recording (p50 / p95):");
        PrintStage("committed", timings.Select(timing => timing.CommittedMs));
        PrintStage("transcript", timings.Select(timing => timing.TranscriptMs));
        PrintStage("first answer text", timings.Select(timing => timing.FirstTextMs));
        PrintStage("first audio byte", timings.Select(timing => timing.FirstAudioMs));
        Console.WriteLine($"  transcript: '{timings.LastOrDefault()?.Transcript}'");
    }

    private static void PrintStage(string stage, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        Console.WriteLine($"  {stage,-18} {SampleSummary.Percentile(sorted, 0.5),8:0} {SampleSummary.Percentile(sorted, 0.95),8:0}");
    }

    private static async Task UploadManualAsync(GatewayDeployment deployment, string name, CancellationToken cancellationToken)
    {
        using var api = new ConversationApiClient(deployment.Address, deployment.ApiKey);
        var knowledgeBaseId = await api.CreateKnowledgeBaseAsync(name, cancellationToken);
        using var client = new HttpClient { BaseAddress = deployment.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", deployment.ApiKey);
        foreach (var page in Pages)
        {
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(ManualFolder, page), cancellationToken)), "file", page },
            };
            using var response = await client.PostAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents", form, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        // Ingestion runs in the background: wait until every page is indexed.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var body = await client.GetStringAsync($"/api/v1/knowledge-bases/{knowledgeBaseId}/documents", cancellationToken);
            var indexed = body.Split("\"indexed\"").Length - 1;
            if (indexed == Pages.Length)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new InvalidOperationException($"The manual pages were not indexed within 90 s: {body}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static T Ready<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("The benchmark ran an operation before its setup finished.");
}
