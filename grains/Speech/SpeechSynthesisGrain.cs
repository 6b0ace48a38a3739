using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Speech;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Synthesis;

namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Runs the silo's synthesizer and streams its audio, resampled to the requested rate, to the caller.
/// </summary>
/// <remarks>
/// NOTE: like <see cref="SpeechRecognitionGrain"/>, it is a stateless worker until an accelerator placement exists.
/// </remarks>
[StatelessWorker]
public sealed class SpeechSynthesisGrain(
    SpeechEngines engines, SpeechUsageRecorder usage, ILogger<SpeechSynthesisGrain> logger)
    : Grain, ISpeechSynthesisGrain
{
    public async IAsyncEnumerable<SpeechAudioChunk> SynthesizeAsync(
        Guid tenantId, SpeechSynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SampleRate is < SpeechSynthesisRequest.MinSampleRate or > SpeechSynthesisRequest.MaxSampleRate)
        {
            throw new InvalidSpeechRequestException($"Sample rate {request.SampleRate} is outside " +
                $"{SpeechSynthesisRequest.MinSampleRate} to {SpeechSynthesisRequest.MaxSampleRate} Hz.");
        }

        var engineRequest = new SynthesisRequest(request.Text, request.Voice, request.Language, request.Speed);
        try
        {
            engineRequest.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidSpeechRequestException(exception.Message);
        }

        var seconds = 0.0;
        AudioResampler? resampler = null;
        var synthesizer = StartSynthesizer(tenantId);
        var chunks = synthesizer.SynthesizeAsync(engineRequest, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await MoveNextAsync(synthesizer, chunks, tenantId))
            {
                var chunk = chunks.Current;
                resampler ??= new AudioResampler(chunk.SampleRate, request.SampleRate);
                var samples = resampler.Process(chunk.Samples);
                seconds += chunk.Duration.TotalSeconds;
                yield return new SpeechAudioChunk(samples, request.SampleRate);
            }
        }
        finally
        {
            await chunks.DisposeAsync();
            await usage.AddAsync(tenantId, 0, seconds);
        }
    }

    private ISpeechSynthesizer StartSynthesizer(Guid tenantId)
    {
        try
        {
            return engines.Synthesizer;
        }
        catch (SpeechEngineException exception)
        {
            GrainLog.SpeechEngineFailed(logger, "synthesizer", tenantId, exception.IsTransient, exception);
            throw new SpeechUnavailableException(exception.Message, exception.IsTransient);
        }
    }

    private async Task<bool> MoveNextAsync(ISpeechSynthesizer synthesizer, IAsyncEnumerator<AudioClip> chunks, Guid tenantId)
    {
        try
        {
            return await chunks.MoveNextAsync();
        }
        catch (SpeechEngineException exception)
        {
            GrainLog.SpeechEngineFailed(logger, synthesizer.Name, tenantId, exception.IsTransient, exception);
            throw new SpeechUnavailableException(exception.Message, exception.IsTransient);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidSpeechRequestException(exception.Message);
        }
    }
}
