using Microsoft.Extensions.Logging;

namespace VoiceHelper.Speech.Logging;

internal static partial class SpeechLog
{
    [LoggerMessage(SpeechEventIds.VadStarted, LogLevel.Information,
        "Silero VAD loaded from {ModelFolder} on the {ExecutionProvider} execution provider in {ElapsedMilliseconds} ms")]
    public static partial void VadStarted(ILogger logger, string modelFolder, string executionProvider, long elapsedMilliseconds);

    [LoggerMessage(SpeechEventIds.VadStopped, LogLevel.Information, "Silero VAD from {ModelFolder} unloaded")]
    public static partial void VadStopped(ILogger logger, string modelFolder);

    [LoggerMessage(SpeechEventIds.DecoderCreated, LogLevel.Information,
        "PocketSphinx decoder {DecoderCount} of at most {MaxDecoders} created in {ElapsedMilliseconds} ms")]
    public static partial void DecoderCreated(ILogger logger, int decoderCount, int maxDecoders, long elapsedMilliseconds);

    [LoggerMessage(SpeechEventIds.RecognizerBusy, LogLevel.Warning,
        "All {MaxDecoders} PocketSphinx decoders stayed busy for {TimeoutSeconds} s, so a recognition request failed")]
    public static partial void RecognizerBusy(ILogger logger, int maxDecoders, double timeoutSeconds);

    [LoggerMessage(SpeechEventIds.TranscriptionServerFailed, LogLevel.Warning,
        "Transcription server {Endpoint} failed with {Failure}")]
    public static partial void TranscriptionServerFailed(ILogger logger, string endpoint, string failure, Exception? exception);

    [LoggerMessage(SpeechEventIds.TranscriptionRetried, LogLevel.Information,
        "Retrying transcription at {Endpoint} in {DelayMilliseconds} ms, attempt {Attempt}, after {Failure}")]
    public static partial void TranscriptionRetried(ILogger logger, string endpoint, long delayMilliseconds, int attempt, string failure);

    [LoggerMessage(SpeechEventIds.SynthesizerStarted, LogLevel.Information,
        "eSpeak NG initialized from {DataFolder} with output at {SampleRate} Hz")]
    public static partial void SynthesizerStarted(ILogger logger, string dataFolder, int sampleRate);

    [LoggerMessage(SpeechEventIds.SpeechServerFailed, LogLevel.Warning, "Speech server {Endpoint} failed with {Failure}")]
    public static partial void SpeechServerFailed(ILogger logger, string endpoint, string failure, Exception? exception);

    [LoggerMessage(SpeechEventIds.SpeechRetried, LogLevel.Information,
        "Retrying speech synthesis at {Endpoint} in {DelayMilliseconds} ms, attempt {Attempt}, after {Failure}")]
    public static partial void SpeechRetried(ILogger logger, string endpoint, long delayMilliseconds, int attempt, string failure);
}
