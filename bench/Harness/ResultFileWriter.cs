using System.Text.Encodings.Web;
using System.Text.Json;

namespace VoiceHelper.Bench.Harness;

/// <summary>
/// Writes each result to <c>artifacts/bench/NAME.json</c> under the repository root, which is the nearest folder
/// above the current directory that contains <c>VoiceHelper.sln</c>, or the current directory when none does.
/// </summary>
internal static class ResultFileWriter
{
    private const string SolutionFileName = "VoiceHelper.sln";

    // The files are read by people and scripts, never embedded in HTML, so quotes and apostrophes stay unescaped.
    private static readonly JsonSerializerOptions JsonOptions = new(ResultJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the result over any earlier file of the same benchmark and returns the file's path.</summary>
    public static async Task<string> WriteAsync(BenchmarkResult result, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(FindRepositoryRoot(), "artifacts", "bench");
        Directory.CreateDirectory(directory);

        var path = Path.Combine(directory, $"{result.Name}.json");
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, result, JsonOptions, cancellationToken);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(Environment.CurrentDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        return Environment.CurrentDirectory;
    }
}
