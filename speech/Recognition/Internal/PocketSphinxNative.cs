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
}
