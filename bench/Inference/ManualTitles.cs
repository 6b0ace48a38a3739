using System.Net;
using System.Text.RegularExpressions;
using VoiceHelper.Bench.Knowledge;

namespace VoiceHelper.Bench.Inference;

/// <summary>
/// Short real queries: the page titles of the PostgreSQL 15 manual from Debian's postgresql-doc-15 package, such as
/// "CREATE INDEX" or "SQL Dump", without their section numbers.
/// </summary>
internal static partial class ManualTitles
{
    /// <summary>Reads the distinct titles of the manual's pages in ordinal file name order.</summary>
    /// <exception cref="DirectoryNotFoundException">The manual is not installed.</exception>
    public static IReadOnlyList<string> Read()
    {
        if (!Directory.Exists(PostgresManualPages.HtmlFolder))
        {
            throw new DirectoryNotFoundException(
                $"The PostgreSQL manual folder '{PostgresManualPages.HtmlFolder}' is missing. Install it with " +
                "'dotnet pwsh ./build.ps1 setup' (Debian package postgresql-doc-15).");
        }

        return Directory.GetFiles(PostgresManualPages.HtmlFolder, "*.html")
            .Order(StringComparer.Ordinal)
            .Select(path => Title().Match(File.ReadAllText(path)))
            .Where(match => match.Success)
            .Select(match => SectionNumber().Replace(WebUtility.HtmlDecode(match.Groups[1].Value), "").Trim())
            .Where(title => title.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("<title>([^<]+)</title>")]
    private static partial Regex Title();

    // "26.1. SQL Dump" and "Appendix F. Additional Supplied Modules" lose their numbering.
    [GeneratedRegex(@"^(?:Appendix [A-Z]\.|Chapter \d+\.|Part [IVX]+\.|[\d.]+)\s*")]
    private static partial Regex SectionNumber();
}
