using System.Runtime.InteropServices;

namespace VoiceHelper.Speech.Recognition.Internal;

/// <summary>
/// One native PocketSphinx decoder. Not thread-safe, so a pool lends it to one utterance at a time. Creating one
/// takes about half a second and 90 MiB, which <see cref="Dispose"/> does not fully return to the system.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    // ps_process_raw gets at most this many samples per call, so a cancellation is seen within 0.5 s of audio.
    private const int ChunkSamples = 8_000;

    private const string DefaultSearch = "_default";

    private readonly IntPtr _handle;
    private readonly LinkedList<string> _vocabularySearches = new();
    private bool _inUtterance;
    private bool _disposed;

    private PocketSphinxDecoder(IntPtr handle)
    {
        _handle = handle;
    }

    /// <summary>Creates a decoder from command-line style arguments, such as <c>-hmm</c> and its folder.</summary>
    /// <exception cref="SpeechEngineException">The library is missing or rejected the arguments.</exception>
    public static PocketSphinxDecoder Create(IReadOnlyList<string> arguments)
    {
        var native = arguments.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            var configuration = PocketSphinxNative.ParseArguments(
                IntPtr.Zero, PocketSphinxNative.GetArgumentDefinitions(), native.Length, native, 1);
            if (configuration == IntPtr.Zero)
            {
                throw new SpeechEngineException(
                    $"PocketSphinx rejected its arguments ({string.Join(' ', arguments)}). Check the paths and names in " +
                    "the Speech:Recognition:PocketSphinx settings.", isTransient: false);
            }

            var handle = PocketSphinxNative.CreateDecoder(configuration);
            // The decoder holds its own reference to the configuration.
            PocketSphinxNative.FreeConfiguration(configuration);
            if (handle == IntPtr.Zero)
            {
                throw new SpeechEngineException(
                    $"PocketSphinx failed to create a decoder with {string.Join(' ', arguments)}: a model file is missing or " +
                    "invalid. Install pocketsphinx-en-us or fix the model paths.", isTransient: false);
            }

            return new PocketSphinxDecoder(handle);
        }
        catch (DllNotFoundException exception)
        {
            throw new SpeechEngineException(
                $"{PocketSphinxNative.PocketSphinxLibrary} could not be loaded: {exception.Message} Install the Debian " +
                "package libpocketsphinx3, for example with 'dotnet pwsh ./build.ps1 setup'.", isTransient: false, exception);
        }
        finally
        {
            foreach (var pointer in native)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>
    /// Selects the language model of the next utterances: the general model when <paramref name="vocabulary"/> is
    /// null, otherwise the general model interpolated with the vocabulary's model from the ARPA file at
    /// <paramref name="arpaPath"/>, which is loaded on first use and kept until <paramref name="maxSearches"/>
    /// others are newer.
    /// </summary>
    public void UseVocabulary(string? vocabulary, string? arpaPath, float weight, int maxSearches)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // PocketSphinx rejects a search change during an utterance, and a recognition that was cancelled midway
        // returns its decoder to the pool with the utterance still open.
        EndUnfinishedUtterance();
        if (vocabulary is null || arpaPath is null)
        {
            Check(PocketSphinxNative.SetSearch(_handle, DefaultSearch), "ps_set_search");
            return;
        }

        var search = "vocabulary-" + vocabulary;
        if (_vocabularySearches.Remove(search))
        {
            _vocabularySearches.AddFirst(search);
        }
        else
        {
            AddVocabularySearch(search, arpaPath, weight);
            _vocabularySearches.AddFirst(search);
            if (_vocabularySearches.Count > maxSearches)
            {
                PocketSphinxNative.UnsetSearch(_handle, _vocabularySearches.Last!.Value);
                _vocabularySearches.RemoveLast();
            }
        }

        Check(PocketSphinxNative.SetSearch(_handle, search), "ps_set_search");
    }

    /// <summary>Starts an utterance; an unfinished one is ended first.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        EndUnfinishedUtterance();
        Check(PocketSphinxNative.StartUtterance(_handle), "ps_start_utt");
        _inUtterance = true;
    }

    private void EndUnfinishedUtterance()
    {
        if (_inUtterance)
        {
            PocketSphinxNative.EndUtterance(_handle);
            _inUtterance = false;
        }
    }

    /// <summary>Decodes the next samples of the utterance.</summary>
    public unsafe void Process(ReadOnlySpan<short> samples, CancellationToken cancellationToken)
    {
        while (!samples.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = samples[..Math.Min(samples.Length, ChunkSamples)];
            fixed (short* pointer = chunk)
            {
                Check(PocketSphinxNative.ProcessRaw(_handle, pointer, (nuint)chunk.Length, 0, 0), "ps_process_raw");
            }

            samples = samples[chunk.Length..];
        }
    }

    /// <summary>
    /// Decodes a whole utterance in one call. PocketSphinx then normalizes the cepstral mean over the utterance itself,
    /// so the transcript does not depend on what the decoder heard before.
    /// </summary>
    public unsafe void ProcessWhole(ReadOnlySpan<short> samples)
    {
        fixed (short* pointer = samples)
        {
            Check(PocketSphinxNative.ProcessRaw(_handle, pointer, (nuint)samples.Length, 0, 1), "ps_process_raw");
        }
    }

    /// <summary>Returns the hypothesis so far, or an empty string.</summary>
    public string Hypothesis()
    {
        var text = PocketSphinxNative.GetHypothesis(_handle, out _);
        return text == IntPtr.Zero ? string.Empty : Marshal.PtrToStringUTF8(text) ?? string.Empty;
    }

    /// <summary>Ends the utterance and returns its final hypothesis.</summary>
    public string End()
    {
        _inUtterance = false;
        Check(PocketSphinxNative.EndUtterance(_handle), "ps_end_utt");
        return Hypothesis();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        PocketSphinxNative.FreeDecoder(_handle);
    }

    private void AddVocabularySearch(string search, string arpaPath, float weight)
    {
        var configuration = PocketSphinxNative.GetConfiguration(_handle);
        var vocabularyModel = PocketSphinxNative.ReadLanguageModel(configuration, arpaPath, 0, PocketSphinxNative.GetLogMath(_handle));
        if (vocabularyModel == IntPtr.Zero)
        {
            throw new SpeechEngineException($"PocketSphinx could not read the vocabulary model '{arpaPath}'.", isTransient: false);
        }

        // ngram_model_set_init and ps_set_lm each retain what they are given (checked with Debian's 0.8 through the
        // reference counts that ngram_model_free returns), so this method releases its own references.
        var generalModel = PocketSphinxNative.GetLanguageModel(_handle, DefaultSearch);
        IntPtr[] names = [Marshal.StringToCoTaskMemUTF8("general"), Marshal.StringToCoTaskMemUTF8("vocabulary")];
        try
        {
            var set = PocketSphinxNative.CreateLanguageModelSet(
                configuration, [generalModel, vocabularyModel], names, [1 - weight, weight], 2);
            var added = PocketSphinxNative.SetLanguageModel(_handle, search, set);
            PocketSphinxNative.FreeLanguageModel(set);
            Check(added, "ps_set_lm");
        }
        finally
        {
            PocketSphinxNative.FreeLanguageModel(vocabularyModel);
            foreach (var name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new SpeechEngineException($"PocketSphinx's {call} failed with code {result}.", isTransient: false);
        }
    }
}
