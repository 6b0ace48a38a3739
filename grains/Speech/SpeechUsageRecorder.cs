using Microsoft.Extensions.Logging;
using VoiceHelper.Grains.Logging;
using VoiceHelper.Grains.Persistence;

namespace VoiceHelper.Grains.Speech;

/// <summary>
/// Adds the audio seconds of speech requests to the tenant's usage. A failed write is logged and not raised, because
/// the caller already has its transcript or audio and the request must not fail after its work is done.
/// </summary>
public sealed class SpeechUsageRecorder(PostgresSpeechUsageStore store, ILogger<SpeechUsageRecorder> logger)
{
    public async Task AddAsync(Guid tenantId, double secondsIn, double secondsOut)
    {
        if (secondsIn <= 0 && secondsOut <= 0)
        {
            return;
        }

        try
        {
            await store.AddAudioSecondsAsync(tenantId, secondsIn, secondsOut, CancellationToken.None);
        }
        catch (Npgsql.NpgsqlException exception)
        {
            GrainLog.SpeechUsageNotStored(logger, tenantId, secondsIn, secondsOut, exception);
        }
    }
}
