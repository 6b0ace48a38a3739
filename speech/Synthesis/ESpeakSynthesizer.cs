using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Logging;
using VoiceHelper.Speech.Synthesis.Internal;

namespace VoiceHelper.Speech.Synthesis;

/// <summary>
/// Embedded synthesis with eSpeak NG 1.51 through P/Invoke, in English and Mandarin among eSpeak's languages. Output
/// is 22,050 Hz mono PCM in chunks of about 100 ms. A request is spoken sentence by sentence, each under the
/// process-wide eSpeak lock, so concurrent requests take turns between sentences instead of waiting for whole texts.
/// Audio is produced about 500 times faster than real time and buffered per request, which
/// <see cref="SynthesisRequest.MaxTextLength"/> bounds.
/// </summary>
public sealed class ESpeakSynthesizer : ISpeechSynthesizer
{
    /// <summary>The value of <see cref="Name"/>.</summary>
    public const string EngineName = "espeak-ng";

    private readonly ESpeakOptions _options;

    /// <summary>Initializes eSpeak NG for the process unless an earlier instance did.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="SpeechEngineException">The library or its data is missing.</exception>
    public ESpeakSynthesizer(ESpeakOptions options, ILogger<ESpeakSynthesizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        SampleRate = ESpeakEngine.EnsureInitialized(options.DataFolder, out var dataFolder);
        SpeechLog.SynthesizerStarted(logger ?? NullLogger<ESpeakSynthesizer>.Instance, dataFolder, SampleRate);
    }

    /// <inheritdoc/>
    public string Name => EngineName;

    /// <summary>The sample rate of every chunk: 22,050 Hz with Debian's data.</summary>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AudioClip> SynthesizeAsync(
        SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var voice = ResolveVoice(request);
        var wordsPerMinute = (int)Math.Clamp(Math.Round(_options.WordsPerMinute * request.Speed), 80, 450);
        var sentences = SentenceChunker.Split(request.Text);

        var chunks = Channel.CreateUnbounded<AudioClip>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => Produce(sentences, voice, wordsPerMinute, chunks.Writer, cancellationToken), cancellationToken);
        await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            // ReadAllAsync checks the token only when the channel is empty, and synthesis usually runs far ahead.
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }

        await producer.ConfigureAwait(false);
    }

    /// <summary>Returns the eSpeak voice for a request: its own voice name, or the configured voice of its language.</summary>
    /// <exception cref="ArgumentException">No voice is configured for the language.</exception>
    public string ResolveVoice(SynthesisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(request.Voice) && !SpeechVoices.OpenAIVoices.Contains(request.Voice))
        {
            return request.Voice;
        }

        var language = request.Language ?? SpeechVoices.DetectLanguage(request.Text);
        var primary = language.Split('-', 2)[0];
        if (_options.VoicesByLanguage.TryGetValue(language, out var voice) || _options.VoicesByLanguage.TryGetValue(primary, out voice))
        {
            return voice;
        }

        throw new ArgumentException($"No eSpeak voice is configured for language '{language}'. Configured languages: " +
            $"{string.Join(", ", _options.VoicesByLanguage.Keys)}; add one under {ESpeakOptions.SectionName}:VoicesByLanguage.",
            nameof(request));
    }

    private void Produce(
        IReadOnlyList<string> sentences, string voice, int wordsPerMinute, ChannelWriter<AudioClip> writer,
        CancellationToken cancellationToken)
    {
        try
        {
            foreach (var sentence in sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ESpeakEngine.Speak(sentence, voice, wordsPerMinute, samples =>
                    !cancellationToken.IsCancellationRequested && writer.TryWrite(new AudioClip(samples, SampleRate)));
            }

            writer.TryComplete();
        }
        catch (Exception exception)
        {
            writer.TryComplete(exception);
            throw;
        }
    }
}
