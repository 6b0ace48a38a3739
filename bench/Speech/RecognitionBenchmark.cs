using System.Diagnostics;
using VoiceHelper.Bench.Harness;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;
using VoiceHelper.Speech.Recognition.Internal;

namespace VoiceHelper.Bench.Speech;

/// <summary>
/// Recognition of the five LibriVox recordings through <see cref="PocketSphinxRecognizer.RecognizeAsync"/>, compared
/// with the same recordings decoded by a bare PocketSphinx decoder. Setup prints the real-time factor of both and the
/// word error rate.
/// </summary>
internal sealed class RecognitionBenchmark : IBenchmark
{
    private const string Folder = "/usr/share/pocketsphinx/test/data/librivox";

    private readonly List<(AudioClip Clip, string Reference)> _recordings = [];
    private PocketSphinxRecognizer? _recognizer;
    private PocketSphinxDecoder? _decoder;
    private int _next;
    private int _nextBaseline;

    public string Name => "recognition";

    public string Description =>
        "PocketSphinxRecognizer.RecognizeAsync of one LibriVox recording (3 to 7 s, in turn): pool lease, one " +
        "whole-utterance decode on the thread pool, result";

    public string BaselineDescription =>
        "ps_start_utt, one ps_process_raw of the whole recording and ps_end_utt on a decoder of its own: the engine's cost";

    public IterationCounts DefaultCounts => new(Warmup: 2, Measured: 10);

    public async Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken)
    {
        foreach (var line in File.ReadLines(Path.Combine(Folder, "transcription")))
        {
            var id = line[(line.LastIndexOf('(') + 1)..line.LastIndexOf(')')];
            var reference = line[3..line.IndexOf("</s>", StringComparison.Ordinal)].Trim();
            _recordings.Add((WaveFile.Read(File.ReadAllBytes(Path.Combine(Folder, id + ".wav"))), reference));
        }

        _recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions { MaxDecoders = 1, WarmDecoders = 1 });
        var options = new PocketSphinxOptions();
        _decoder = PocketSphinxDecoder.Create(
            ["-hmm", options.AcousticModel, "-lm", options.LanguageModel, "-dict", options.Dictionary, "-samprate", "16000"]);
        await PrintAccuracyAsync(cancellationToken);
    }

    public async Task RunCandidateAsync(CancellationToken cancellationToken)
    {
        var (clip, _) = _recordings[_next++ % _recordings.Count];
        await _recognizer!.RecognizeAsync(clip.Samples, RecognitionOptions.Default, cancellationToken);
    }

    public Task RunBaselineAsync(CancellationToken cancellationToken)
    {
        var (clip, _) = _recordings[_nextBaseline++ % _recordings.Count];
        _decoder!.Start();
        _decoder.ProcessWhole(clip.Samples);
        _decoder.End();
        return Task.CompletedTask;
    }

    public Task TeardownAsync(CancellationToken cancellationToken)
    {
        _decoder?.Dispose();
        _recognizer?.Dispose();
        return Task.CompletedTask;
    }

    private async Task PrintAccuracyAsync(CancellationToken cancellationToken)
    {
        var errors = 0;
        var words = 0;
        var audioSeconds = 0.0;
        var watch = Stopwatch.StartNew();
        foreach (var (clip, reference) in _recordings)
        {
            var result = await _recognizer!.RecognizeAsync(clip.Samples, RecognitionOptions.Default, cancellationToken);
            var (clipErrors, clipWords) = WordErrorRate.Count(reference, result.Text);
            errors += clipErrors;
            words += clipWords;
            audioSeconds += clip.Duration.TotalSeconds;
        }

        Console.WriteLine($"recognition: word error rate {errors}/{words} = {errors / (double)words:P1} on " +
            $"{_recordings.Count} LibriVox recordings ({audioSeconds:0.0} s), real-time factor " +
            $"{watch.Elapsed.TotalSeconds / audioSeconds:0.00} in one pass");
    }
}
