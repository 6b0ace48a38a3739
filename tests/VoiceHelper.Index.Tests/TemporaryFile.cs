namespace VoiceHelper.Index.Tests;

/// <summary>A path in the temporary folder that is deleted on dispose, whether or not the test created the file.</summary>
internal sealed class TemporaryFile : IDisposable
{
    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"voicehelper-index-{Guid.NewGuid():N}.usearch");

    public void Dispose() => File.Delete(Path);
}
