using VoiceHelper.Client;

namespace VoiceHelper.Cli.Ingest;

/// <summary>
/// The files that <c>vh ingest</c> uploads: each file named, and the documents of supported types in each folder named
/// and its subfolders, in name order. Files named directly are uploaded whatever their type, so the gateway names the
/// reason when it rejects one.
/// </summary>
internal sealed record FileSelection(IReadOnlyList<string> Files, IReadOnlyList<string> Missing, int Skipped)
{
    public static FileSelection Collect(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<string>();
        var skipped = 0;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                files.AddRange(found.Where(DocumentTypes.IsSupported));
                skipped += found.Count(file => !DocumentTypes.IsSupported(file));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                missing.Add(path);
            }
        }

        return new FileSelection(files.Distinct().ToList(), missing, skipped);
    }
}
