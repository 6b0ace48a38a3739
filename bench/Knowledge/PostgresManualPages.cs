namespace VoiceHelper.Bench.Knowledge;

/// <summary>
/// Real documents for ingestion: pages of the PostgreSQL 15 manual from Debian's postgresql-doc-15 package, which
/// <c>build.ps1 setup</c> installs.
/// </summary>
internal static class PostgresManualPages
{
    public const string HtmlFolder = "/usr/share/doc/postgresql-doc-15/html";

    /// <summary>
    /// Reads <paramref name="count"/> pages spread evenly over the folder's HTML files in ordinal name order, so
    /// the choice depends only on the installed package and mixes short reference pages with long chapters.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The manual is not installed.</exception>
    /// <exception cref="InvalidOperationException">The folder has too few pages.</exception>
    public static IReadOnlyList<ManualPage> Select(int count)
    {
        if (!Directory.Exists(HtmlFolder))
        {
            throw new DirectoryNotFoundException(
                $"The PostgreSQL manual folder '{HtmlFolder}' is missing. Install it with 'dotnet pwsh ./build.ps1 " +
                "setup' (Debian package postgresql-doc-15).");
        }

        var files = Directory.GetFiles(HtmlFolder, "*.html").Order(StringComparer.Ordinal).ToArray();
        if (files.Length < count)
        {
            throw new InvalidOperationException(
                $"The benchmark needs {count} pages, but '{HtmlFolder}' has only {files.Length}. Lower " +
                $"{IngestionSettings.PageCountVariable}.");
        }

        return Enumerable.Range(0, count)
            .Select(position => files[(int)((long)position * files.Length / count)])
            .Select(path => new ManualPage(Path.GetFileName(path), File.ReadAllBytes(path)))
            .ToList();
    }
}
