using System.Runtime.InteropServices;

namespace VoiceHelper.Speech.Synthesis.Internal;

/// <summary>The calls of Debian's eSpeak NG 1.51 (<c>libespeak-ng.so.1</c>) that the synthesizer uses.</summary>
internal static unsafe partial class ESpeakNative
{
    public const string Library = "libespeak-ng.so.1";

    /// <summary>AUDIO_OUTPUT_SYNCHRONOUS: <see cref="Synthesize"/> returns after the callback got all audio.</summary>
    public const int OutputSynchronous = 2;

    /// <summary>espeakINITIALIZE_DONT_EXIT: return an error instead of ending the process when the data is missing.</summary>
    public const int InitializeDontExit = 0x8000;

    public const uint CharactersUtf8 = 1;
    public const uint EndPause = 0x1000;
    public const int PositionCharacter = 1;
    public const int ParameterRate = 1;
    public const int ParameterPitch = 3;

    public const int ErrorOk = 0;
    public const int ErrorNotFound = 2;

    /// <summary>Byte offset of <c>user_data</c> in <c>espeak_EVENT</c> on 64-bit platforms: six 32-bit fields precede it.</summary>
    public const int EventUserDataOffset = 24;

    /// <summary>Initializes the library once per process. Returns the output sample rate, or -1.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_Initialize", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Initialize(int output, int bufferMilliseconds, string? dataPath, int options);

    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged<short*, int, IntPtr, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_SetParameter")]
    public static partial int SetParameter(int parameter, int value, int relative);

    /// <summary>Synthesizes zero-terminated UTF-8 text; in synchronous mode all audio reaches the callback before it returns.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synthesize(
        byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier,
        IntPtr userData);

    /// <summary>Returns the version string and, through <paramref name="dataPath"/>, the data folder in use.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_Info")]
    public static partial IntPtr Info(out IntPtr dataPath);
}
