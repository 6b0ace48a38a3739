namespace VoiceHelper.Speech.Logging;

/// <summary>Event ids of the speech engines' log messages, in ranges per engine.</summary>
internal static class SpeechEventIds
{
    // 3100-3199: voice activity detection.
    public const int VadStarted = 3100;
    public const int VadStopped = 3101;

    // 3200-3299: recognition.
    public const int DecoderCreated = 3200;
    public const int RecognizerBusy = 3201;
    public const int TranscriptionServerFailed = 3202;
    public const int TranscriptionRetried = 3203;

    // 3300-3399: synthesis.
    public const int SynthesizerStarted = 3300;
    public const int SpeechServerFailed = 3301;
    public const int SpeechRetried = 3302;
}
