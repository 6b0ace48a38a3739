namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>Paths in the repository that the tests read, found from the test assembly's folder upwards.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that contains <c>VoiceHelper.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Returns the absolute path of a path relative to the repository root, with '/' separators.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Returns the text of a file given relative to the repository root.</summary>
    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VoiceHelper.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above '{AppContext.BaseDirectory}' contains VoiceHelper.sln. Run the tests from a checkout.");
    }
}
