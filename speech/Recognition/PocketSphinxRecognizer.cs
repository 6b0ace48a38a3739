using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Speech.Logging;
using VoiceHelper.Speech.Recognition.Internal;

namespace VoiceHelper.Speech.Recognition;

/// <summary>
/// Embedded recognition with CMU PocketSphinx 0.8 and its US English models, through P/Invoke. A decoder is not
/// thread-safe and slow to create, so the recognizer keeps a pool of up to <see cref="PocketSphinxOptions.MaxDecoders"/>
/// and lends one to each utterance.
/// </summary>
/// <remarks>
/// <see cref="RecognizeAsync"/> decodes a clip in one pass, in which PocketSphinx normalizes the cepstral mean over
/// the clip itself: the transcript is the same on every decoder. Streams decode as audio arrives and report partial
/// transcripts, so they must estimate the mean as they go, starting from the estimate that the decoder kept from its
/// previous utterances. A decoder's first stream therefore starts from the model's default and its transcripts vary
/// with the decoder's history. A warm-up utterance would only move that start to the warm-up audio's channel, and
/// noise or silence moved it further from speech than the default (measured on the LibriVox test recordings), so
/// new decoders get none.
/// <para>
/// A request's <see cref="RecognitionOptions.Vocabulary"/> biases the decoder toward its domain: a bigram model built
/// from the vocabulary's texts is interpolated with the general model (<see cref="PocketSphinxOptions.VocabularyWeight"/>).
/// Only words of the pronunciation dictionary can be recognized, so other words of the texts are left out.
/// </para>
/// </remarks>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    /// <summary>The value of <see cref="Name"/>.</summary>
    public const string EngineName = "pocketsphinx";

    /// <summary>The sample rate that the acoustic model was trained on.</summary>
    public const int SampleRate = 16_000;

    private static readonly Lock LogLock = new();
    private static bool s_logSilenced;

    private readonly PocketSphinxOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _capacity;
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly ConcurrentBag<PocketSphinxDecoder> _all = [];
    private readonly VocabularyModels _vocabularies;
    private bool _disposed;

    /// <summary>Creates the recognizer and its first <see cref="PocketSphinxOptions.WarmDecoders"/> decoders.</summary>
    /// <exception cref="ArgumentException">An option is invalid or a model file is missing.</exception>
    /// <exception cref="SpeechEngineException">The library is missing or rejects the models.</exception>
    public PocketSphinxRecognizer(PocketSphinxOptions options, ILogger<PocketSphinxRecognizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _logger = logger ?? NullLogger<PocketSphinxRecognizer>.Instance;
        _capacity = new SemaphoreSlim(options.MaxDecoders, options.MaxDecoders);
        _vocabularies = new VocabularyModels(options.Dictionary);
        SilenceNativeLog();
        for (var i = 0; i < options.WarmDecoders; i++)
        {
            _idle.Add(CreateDecoder());
        }
    }

    /// <inheritdoc/>
    public string Name => EngineName;

    /// <inheritdoc/>
    /// <remarks>False when <see cref="PocketSphinxOptions.PartialIntervalMs"/> is 0.</remarks>
    public bool ProducesPartials => _options.PartialIntervalMs > 0;

    /// <summary>The number of decoders created so far.</summary>
    public int DecoderCount => _all.Count;

    /// <inheritdoc/>
    public async ValueTask<IRecognitionStream> StartStreamAsync(RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLanguage(options.Language);
        var decoder = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SelectVocabulary(decoder, options.Vocabulary);
            decoder.Start();
            var partialIntervalSamples = (long)_options.PartialIntervalMs * SampleRate / 1000;
            return new PocketSphinxStream(this, decoder, partialIntervalSamples);
        }
        catch
        {
            Return(decoder);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<RecognitionResult> RecognizeAsync(
        ReadOnlyMemory<short> samples, RecognitionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckLanguage(options.Language);
        var decoder = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One ps_process_raw call cannot be interrupted, so a cancellation takes effect only before it starts.
            var text = await Task.Run(() => DecodeWhole(decoder, options.Vocabulary, samples), cancellationToken)
                .ConfigureAwait(false);
            var duration = TimeSpan.FromSeconds(samples.Length / (double)SampleRate);
            return new RecognitionResult(text, duration, EngineName, "en");
        }
        finally
        {
            Return(decoder);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var decoder in _all)
        {
            decoder.Dispose();
        }

        _capacity.Dispose();
        _vocabularies.Dispose();
    }

    internal void Return(PocketSphinxDecoder decoder)
    {
        _idle.Add(decoder);
        _capacity.Release();
    }

    private async Task<PocketSphinxDecoder> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!await _capacity.WaitAsync(_options.AcquireTimeout, cancellationToken).ConfigureAwait(false))
        {
            SpeechLog.RecognizerBusy(_logger, _options.MaxDecoders, _options.AcquireTimeout.TotalSeconds);
            throw new SpeechEngineException(
                $"All {_options.MaxDecoders} PocketSphinx decoders stayed busy for {_options.AcquireTimeout.TotalSeconds:0.#} s. " +
                "Retry later, or raise Speech:Recognition:PocketSphinx:MaxDecoders.", isTransient: true);
        }

        if (_idle.TryTake(out var decoder))
        {
            return decoder;
        }

        try
        {
            // Creating a decoder takes about half a second of CPU, so it runs off the caller's thread.
            return await Task.Run(CreateDecoder, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _capacity.Release();
            throw;
        }
    }

    private PocketSphinxDecoder CreateDecoder()
    {
        var watch = Stopwatch.StartNew();
        var decoder = PocketSphinxDecoder.Create(
        [
            "-hmm", _options.AcousticModel,
            "-lm", _options.LanguageModel,
            "-dict", _options.Dictionary,
            "-samprate", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);
        _all.Add(decoder);
        SpeechLog.DecoderCreated(_logger, _all.Count, _options.MaxDecoders, watch.ElapsedMilliseconds);
        return decoder;
    }

    private string DecodeWhole(PocketSphinxDecoder decoder, RecognitionVocabulary? vocabulary, ReadOnlyMemory<short> samples)
    {
        SelectVocabulary(decoder, vocabulary);
        decoder.Start();
        decoder.ProcessWhole(samples.Span);
        return decoder.End();
    }

    // A vocabulary without a word of the dictionary has no model, so it leaves the general model in use.
    private void SelectVocabulary(PocketSphinxDecoder decoder, RecognitionVocabulary? vocabulary)
    {
        var path = vocabulary is null ? null : _vocabularies.GetPath(vocabulary);
        var key = path is null ? null : VocabularyModels.KeyOf(vocabulary!.Id);
        decoder.UseVocabulary(key, path, _options.VocabularyWeight, _options.MaxVocabulariesPerDecoder);
    }

    private static void CheckLanguage(string? language)
    {
        if (language is not null && !language.Equals("en", StringComparison.OrdinalIgnoreCase)
            && !language.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Language '{language}' is not supported by PocketSphinx, which has only a US English model. Use 'en' " +
                "or configure an OpenAI-compatible transcription server.", nameof(language));
        }
    }

    // SphinxBase logs every decoder's configuration to stderr; err_set_logfp is process-wide, so it is set once.
    private static void SilenceNativeLog()
    {
        lock (LogLock)
        {
            if (!s_logSilenced)
            {
                PocketSphinxNative.SetLogFile(IntPtr.Zero);
                s_logSilenced = true;
            }
        }
    }
}
