using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;

namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Runs the silo's recognizer. As a stateless worker it has local copies on every silo; the recognizer behind it
/// bounds the work with its own decoder pool.
/// </summary>
/// <remarks>
/// NOTE: the grain has no placement of its own yet. It holds no state, so moving it to accelerator silos needs only a
/// placement attribute in place of <see cref="StatelessWorkerAttribute"/>'s local placement.
/// </remarks>
[StatelessWorker]
public sealed class SpeechRecognitionGrain(
    ISpeechRecognizer recognizer, SpeechUsageRecorder usage, ILogger<SpeechRecognitionGrain> logger)
    : Grain, ISpeechRecognitionGrain
{
    public async Task<SpeechTranscript> TranscribeFileAsync(Guid tenantId, TranscriptionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Decoding and resampling are CPU-bound; the thread pool keeps them off the grain scheduler's threads.
        var clip = await Task.Run(() => Decode(file));
        return await TranscribeSamplesAsync(tenantId, clip.Samples, file.Language, file.Prompt);
    }

    public async Task<SpeechTranscript> TranscribeSamplesAsync(Guid tenantId, short[] samples, string? language, string? prompt)
    {
        ArgumentNullException.ThrowIfNull(samples);
        RecognitionResult result;
        try
        {
            result = await recognizer.RecognizeAsync(samples, new RecognitionOptions(language, prompt), CancellationToken.None);
        }
        catch (SpeechEngineException exception)
        {
            GrainLog.SpeechEngineFailed(logger, recognizer.Name, tenantId, exception.IsTransient, exception);
            throw new SpeechUnavailableException(exception.Message, exception.IsTransient);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidSpeechRequestException(exception.Message);
        }

        await usage.AddAsync(tenantId, result.AudioDuration.TotalSeconds, 0);
        return new SpeechTranscript(result.Text, result.AudioDuration.TotalSeconds, result.Engine, result.Language);
    }

    private static AudioClip Decode(TranscriptionFile file)
    {
        try
        {
            return AudioFile.Decode(file.Content, file.MaxDuration).ToSampleRate(16_000);
        }
        catch (AudioFormatException exception)
        {
            throw new InvalidAudioException(exception.Message, exception.IsUnsupported);
        }
    }
}
