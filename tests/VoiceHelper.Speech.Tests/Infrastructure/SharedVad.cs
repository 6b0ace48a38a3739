using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Speech.Tests.Infrastructure;

/// <summary>One Silero VAD session for all tests of a collection, as a silo shares one among its streams.</summary>
public sealed class SharedVad : IDisposable
{
    public SileroVad Vad { get; } = new(new SileroVadOptions());

    public void Dispose() => Vad.Dispose();
}
