using Microsoft.Extensions.Options;

namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// Bounds how many documents one silo ingests at once. Without it, a bulk upload queues every document's embedding
/// batches on the same few embedding workers until calls time out; with it, the rest wait as <c>queued</c>.
/// </summary>
public sealed class IngestionThrottle(IOptions<KnowledgeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentIngestions);

    /// <summary>Waits for a free slot; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
