namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>A folder under the system's temporary folder, deleted with its content on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = Directory.CreateTempSubdirectory("voicehelper-deployment-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file into the folder and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
