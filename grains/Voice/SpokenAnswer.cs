using System.Text.RegularExpressions;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Grains.Voice;

/// <summary>
/// The spoken form of one assistant turn: its sentences in order, each with its audio in the session's output
/// format and its place on the answer's audio timeline, so that a playback position maps back to the sentences
/// heard. Several responses can speak one answer when a false interruption resumes it.
/// </summary>
internal sealed partial class SpokenAnswer(VoiceAudioFormat format, int sampleRate)
{
    // NOTE: every sentence keeps its audio until the session drops the response, so that playback can resume
    // anywhere; the answer's text length bounds it (48 KB per second of 24 kHz PCM).
    private readonly List<SpokenSentence> _sentences = [];
    private readonly CancellationTokenSource _production = new();
    private AudioResampler? _resampler;

    /// <summary>The conversation turn that stores the answer; empty until the conversation stored the question.</summary>
    public Guid TurnId { get; set; }

    public VoiceAudioFormat Format { get; } = format;

    public int SampleRate { get; } = sampleRate;

    public IReadOnlyList<SpokenSentence> Sentences => _sentences;

    /// <summary>The end of the synthesized audio, in milliseconds.</summary>
    public long SynthesizedMs { get; private set; }

    /// <summary>Whether every sentence is synthesized or production stopped.</summary>
    public bool Complete { get; set; }

    /// <summary>The answer's sources, once the conversation sent them.</summary>
    public IReadOnlyList<AnswerCitation> Sources { get; set; } = [];

    /// <summary>Why the answer failed, for people, or null.</summary>
    public string? Error { get; set; }

    /// <summary>Whether the stored turn was cut to what was heard.</summary>
    public bool Truncated { get; set; }

    /// <summary>Cancelled when the answer is abandoned, which stops reading and synthesizing it.</summary>
    public CancellationToken Production => _production.Token;

    public int BytesPerMs => SampleRate / 1000 * VoiceAudioCodec.BytesPerSample(Format);

    /// <summary>Resamples a synthesized clip to the output rate, as one continuous stream across sentences.</summary>
    public short[] Resample(AudioClip clip)
    {
        _resampler ??= new AudioResampler(clip.SampleRate, SampleRate);
        return _resampler.Process(clip.Samples);
    }

    /// <summary>Adds the next sentence with its encoded audio.</summary>
    public void Add(string text, byte[] audio)
    {
        var durationMs = audio.Length / BytesPerMs;
        _sentences.Add(new SpokenSentence(text, audio, SynthesizedMs, durationMs));
        SynthesizedMs += durationMs;
    }

    public void StopProduction() => _production.Cancel();

    /// <summary>Returns the index of the sentence that plays at <paramref name="positionMs"/>, or the count when past the end.</summary>
    public int SentenceAt(long positionMs)
    {
        for (var i = 0; i < _sentences.Count; i++)
        {
            if (positionMs < _sentences[i].StartMs + _sentences[i].DurationMs)
            {
                return i;
            }
        }

        return _sentences.Count;
    }

    /// <summary>
    /// The text and sources of the sentences whose audio started before <paramref name="positionMs"/>: a sentence
    /// counts as heard once it began to play.
    /// </summary>
    public (string Text, IReadOnlyList<AnswerCitation> Sources) HeardBefore(long positionMs)
    {
        var heard = _sentences.Where(sentence => sentence.StartMs < positionMs).Select(sentence => sentence.Text).ToList();
        var text = string.Join(" ", heard);
        return (text, Sources.Where((source, index) => IsCited(source, index, text, heard)).ToList());
    }

    /// <summary>Whether the sentences heard include every sentence of a finished answer.</summary>
    public bool AllHeardBefore(long positionMs) =>
        Complete && Error is null && _sentences.All(sentence => sentence.StartMs < positionMs);

    // The extractive answerer speaks its quotes, and chat models mark citations as [n], numbered from 1.
    private static bool IsCited(AnswerCitation source, int index, string text, IReadOnlyList<string> heard)
    {
        if (text.Contains($"[{index + 1}]", StringComparison.Ordinal))
        {
            return true;
        }

        var quote = Normalize(source.Quote);
        return quote.Length > 0 && heard.Select(Normalize).Any(sentence =>
            sentence.Length > 0 && (quote.Contains(sentence, StringComparison.OrdinalIgnoreCase)
                || sentence.Contains(quote, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Normalize(string text) => Whitespace().Replace(text.Trim().Trim('…', '.', ' '), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>One sentence of a spoken answer and where its audio lies on the answer's timeline.</summary>
internal sealed record SpokenSentence(string Text, byte[] Audio, long StartMs, long DurationMs);
