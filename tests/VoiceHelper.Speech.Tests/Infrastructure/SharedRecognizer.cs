using VoiceHelper.Speech.Recognition;

namespace VoiceHelper.Speech.Tests.Infrastructure;

/// <summary>One PocketSphinx recognizer with two decoders for the tests of a collection, since decoders are slow to create.</summary>
public sealed class SharedRecognizer : IDisposable
{
    public PocketSphinxRecognizer Recognizer { get; } = new(new PocketSphinxOptions { MaxDecoders = 2, WarmDecoders = 1 });

    public void Dispose() => Recognizer.Dispose();
}
