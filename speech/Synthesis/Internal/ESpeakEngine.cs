using System.Runtime.InteropServices;
using System.Text;

namespace VoiceHelper.Speech.Synthesis.Internal;

/// <summary>
/// The process's one eSpeak NG instance. eSpeak NG 1.51 must be initialized once per process (initializing again
/// truncates audio or hangs <c>espeak_Terminate</c>) and is not thread-safe (concurrent calls corrupt its heap), so
/// this class initializes it on first use, never terminates it, and holds one lock around each voice change and
/// synthesis.
/// </summary>
internal static unsafe class ESpeakEngine
{
    // The length of audio that eSpeak hands to the callback at once.
    private const int BufferMilliseconds = 100;

    private static readonly Lock Gate = new();
    private static int s_sampleRate;
    private static string s_dataFolder = string.Empty;

    /// <summary>Initializes eSpeak NG unless it already is, and returns its output sample rate.</summary>
    /// <exception cref="SpeechEngineException">The library or its data is missing.</exception>
    public static int EnsureInitialized(string? dataFolder, out string dataFolderInUse)
    {
        lock (Gate)
        {
            if (s_sampleRate == 0)
            {
                s_sampleRate = Initialize(dataFolder);
            }

            dataFolderInUse = s_dataFolder;
            return s_sampleRate;
        }
    }

    /// <summary>
    /// Speaks <paramref name="text"/> with <paramref name="voice"/> and hands each buffer of samples to
    /// <paramref name="sink"/> on the calling thread. The sink returns false to stop early.
    /// </summary>
    /// <exception cref="ArgumentException">eSpeak has no voice named <paramref name="voice"/>.</exception>
    public static void Speak(string text, string voice, int wordsPerMinute, Func<short[], bool> sink)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var handle = GCHandle.Alloc(sink);
        try
        {
            lock (Gate)
            {
                SetVoice(voice);
                ESpeakNative.SetParameter(ESpeakNative.ParameterRate, wordsPerMinute, 0);
                fixed (byte* pointer = bytes)
                {
                    var result = ESpeakNative.Synthesize(pointer, (nuint)bytes.Length, 0, ESpeakNative.PositionCharacter, 0,
                        ESpeakNative.CharactersUtf8 | ESpeakNative.EndPause, null, GCHandle.ToIntPtr(handle));
                    if (result != ESpeakNative.ErrorOk)
                    {
                        throw new SpeechEngineException($"espeak_Synth failed with code {result}.", isTransient: false);
                    }
                }
            }
        }
        finally
        {
            handle.Free();
        }
    }

    private static void SetVoice(string voice)
    {
        var result = ESpeakNative.SetVoiceByName(voice);
        if (result == ESpeakNative.ErrorNotFound)
        {
            throw new ArgumentException($"eSpeak NG has no voice '{voice}'. Use a voice of espeak-ng-data, such as 'en-us', " +
                "'en-gb' or 'cmn-latn-pinyin'.", nameof(voice));
        }

        if (result != ESpeakNative.ErrorOk)
        {
            throw new SpeechEngineException($"espeak_SetVoiceByName('{voice}') failed with code {result}.", isTransient: false);
        }
    }

    private static int Initialize(string? dataFolder)
    {
        int sampleRate;
        try
        {
            sampleRate = ESpeakNative.Initialize(ESpeakNative.OutputSynchronous, BufferMilliseconds, dataFolder,
                ESpeakNative.InitializeDontExit);
        }
        catch (DllNotFoundException exception)
        {
            throw new SpeechEngineException($"{ESpeakNative.Library} could not be loaded: {exception.Message} Install the " +
                "Debian package libespeak-ng1, for example with 'dotnet pwsh ./build.ps1 setup'.", isTransient: false, exception);
        }

        if (sampleRate <= 0)
        {
            throw new SpeechEngineException($"eSpeak NG failed to initialize with data folder '{dataFolder ?? "(built in)"}'. " +
                "Install the Debian package espeak-ng-data or set Speech:Synthesis:ESpeak:DataFolder.", isTransient: false);
        }

        ESpeakNative.SetSynthCallback(&OnSynthesized);
        ESpeakNative.Info(out var path);
        s_dataFolder = Marshal.PtrToStringUTF8(path) ?? string.Empty;
        return sampleRate;
    }

    // Runs on the thread inside espeak_Synth. Returns 0 to continue and 1 to stop synthesis.
    [UnmanagedCallersOnly]
    private static int OnSynthesized(short* samples, int count, IntPtr events)
    {
        var userData = events == IntPtr.Zero ? IntPtr.Zero : Marshal.ReadIntPtr(events, ESpeakNative.EventUserDataOffset);
        if (userData == IntPtr.Zero || count <= 0 || samples == null)
        {
            return 0;
        }

        var sink = (Func<short[], bool>)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            return sink(new ReadOnlySpan<short>(samples, count).ToArray()) ? 0 : 1;
        }
        catch (Exception)
        {
            // An exception must not cross into native code; stopping synthesis is the only safe reaction here.
            return 1;
        }
    }
}
