using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using VoiceHelper.Grains.Knowledge;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Recognition;

namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Runs the silo's recognizer. As a stateless worker it has local copies on every silo; the recognizer behind it
/// bounds the work with its own decoder pool.
/// </summary>
/// <remarks>
/// NOTE: the grain has no placement of its own yet. It keeps no state, so moving it to accelerator silos needs only a
/// placement attribute in place of <see cref="StatelessWorkerAttribute"/>'s local placement.
/// </remarks>
[StatelessWorker]
public sealed class SpeechRecognitionGrain(
    SpeechEngines engines,
    SpeechUsageRecorder usage,
    PostgresVocabularyStore vocabularies,
    IOptions<SpeechOptions> options,
    ILogger<SpeechRecognitionGrain> logger)
    : Grain, ISpeechRecognitionGrain
{
    public async Task<SpeechTranscript> TranscribeFileAsync(Guid tenantId, TranscriptionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Decoding and resampling are CPU-bound; the thread pool keeps them off the grain scheduler's threads.
        var clip = await Task.Run(() => Decode(file));
        return await TranscribeSamplesAsync(tenantId, clip.Samples, file.Language, file.Prompt, file.KnowledgeBaseId);
    }

    public async Task<SpeechTranscript> TranscribeSamplesAsync(
        Guid tenantId, short[] samples, string? language, string? prompt, Guid? knowledgeBaseId = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var vocabulary = knowledgeBaseId is { } id ? await ReadVocabularyAsync(tenantId, id) : null;
        RecognitionResult result;
        ISpeechRecognizer? recognizer = null;
        try
        {
            recognizer = engines.Recognizer;
            result = await recognizer.RecognizeAsync(
                samples, new RecognitionOptions(language, prompt, vocabulary), CancellationToken.None);
        }
        catch (SpeechEngineException exception)
        {
            GrainLog.SpeechEngineFailed(logger, recognizer?.Name ?? "recognizer", tenantId, exception.IsTransient, exception);
            throw new SpeechUnavailableException(exception.Message, exception.IsTransient);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidSpeechRequestException(exception.Message);
        }

        await usage.AddAsync(tenantId, result.AudioDuration.TotalSeconds, 0);
        return new SpeechTranscript(result.Text, result.AudioDuration.TotalSeconds, result.Engine, result.Language);
    }

    // The knowledge base grain checks that the tenant owns the knowledge base, and throws not found otherwise.
    private async Task<RecognitionVocabulary> ReadVocabularyAsync(Guid tenantId, Guid knowledgeBaseId)
    {
        await GrainFactory.GetGrain<IKnowledgeBaseGrain>(knowledgeBaseId).GetAsync(tenantId);
        var (version, texts) = await vocabularies.ReadAsync(knowledgeBaseId, options.Value.MaxVocabularyChunks, CancellationToken.None);
        return new RecognitionVocabulary($"knowledge-base:{knowledgeBaseId}:{version}", texts);
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
