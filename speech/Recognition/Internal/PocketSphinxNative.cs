using System.Runtime.InteropServices;

namespace VoiceHelper.Speech.Recognition.Internal;

/// <summary>
/// The calls of Debian's PocketSphinx 0.8 (<c>libpocketsphinx.so.3</c>, API of 5prealpha) and SphinxBase
/// (<c>libsphinxbase.so.3</c>) that the recognizer uses.
/// </summary>
internal static partial class PocketSphinxNative
{
    public const string PocketSphinxLibrary = "libpocketsphinx.so.3";
    public const string SphinxBaseLibrary = "libsphinxbase.so.3";

    /// <summary>The argument definitions of the decoder, for <see cref="ParseArguments"/>.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_args")]
    public static partial IntPtr GetArgumentDefinitions();

    /// <summary>
    /// Builds a configuration from command-line style arguments (<c>cmd_ln_init</c> takes C varargs, which P/Invoke
    /// cannot pass). Returns NULL when an argument is unknown or invalid.
    /// </summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_parse_r")]
    public static partial IntPtr ParseArguments(IntPtr configuration, IntPtr definitions, int count, IntPtr[] arguments, int strict);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeConfiguration(IntPtr configuration);

    /// <summary>Sends SphinxBase's log to a C <c>FILE*</c>; NULL turns it off for the whole process.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "err_set_logfp")]
    public static partial void SetLogFile(IntPtr file);

    /// <summary>Creates a decoder, which keeps its own reference to the configuration. Returns NULL on failure.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_init")]
    public static partial IntPtr CreateDecoder(IntPtr configuration);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_free")]
    public static partial int FreeDecoder(IntPtr decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(IntPtr decoder);

    /// <summary>Decodes samples; returns the number of frames searched, or a negative number on error.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_process_raw")]
    public static unsafe partial int ProcessRaw(IntPtr decoder, short* samples, nuint count, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(IntPtr decoder);

    /// <summary>
    /// Returns the current hypothesis, partial during an utterance. The decoder owns the string, so it is returned
    /// as a pointer: marshalling it as <c>string</c> would free it a second time and abort the process.
    /// </summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_hyp")]
    public static partial IntPtr GetHypothesis(IntPtr decoder, out int bestScore);

    /// <summary>Returns the decoder's configuration, which the decoder owns.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_config")]
    public static partial IntPtr GetConfiguration(IntPtr decoder);

    /// <summary>Returns the decoder's log-math table, which the decoder owns.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_logmath")]
    public static partial IntPtr GetLogMath(IntPtr decoder);

    /// <summary>Returns the language model of a search, which the decoder owns, or NULL.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_lm", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr GetLanguageModel(IntPtr decoder, string search);

    /// <summary>Adds an n-gram search named <paramref name="search"/>, or replaces one; the decoder retains the model.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_set_lm", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetLanguageModel(IntPtr decoder, string search, IntPtr model);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetSearch(IntPtr decoder, string search);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_unset_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnsetSearch(IntPtr decoder, string search);

    /// <summary>Reads an ARPA or binary n-gram model (file type 0 detects which). Returns NULL on failure.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "ngram_model_read", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ReadLanguageModel(IntPtr configuration, string path, int fileType, IntPtr logMath);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "ngram_model_free")]
    public static partial int FreeLanguageModel(IntPtr model);

    /// <summary>Interpolates models with the given weights; the set retains each model.</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "ngram_model_set_init")]
    public static partial IntPtr CreateLanguageModelSet(IntPtr configuration, IntPtr[] models, IntPtr[] names, float[] weights, int count);
}
