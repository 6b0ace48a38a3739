using System.IO.Compression;

namespace VoiceHelper.Knowledge.Tests;

/// <summary>
/// Locates real documents that Debian packages install, none written for this project. A missing file fails
/// the test with the command that installs it, because skipping would hide the gap.
/// </summary>
internal static class RealDocuments
{
    public const string PostgresManualDirectory = "/usr/share/doc/postgresql-doc-15/html";
    public const string Tasn1ManualPdf = "/usr/share/doc/libtasn1-doc/libtasn1.pdf";
    public const string RedisReadme = "/usr/share/doc/redis-server/README.md.gz";
    public const string PostgresCommonReadme = "/usr/share/doc/postgresql-common/README.md.gz";
    public const string Gpl3 = "/usr/share/common-licenses/GPL-3";

    /// <summary>Returns the bytes of one page of the PostgreSQL 15 manual, such as <c>indexes-types.html</c>.</summary>
    public static byte[] PostgresManualPage(string fileName) =>
        File.ReadAllBytes(Require(Path.Combine(PostgresManualDirectory, fileName), "postgresql-doc-15"));

    /// <summary>Returns the paths of all HTML pages of the PostgreSQL 15 manual, sorted.</summary>
    public static string[] PostgresManualPages()
    {
        Require(Path.Combine(PostgresManualDirectory, "index.html"), "postgresql-doc-15");
        return Directory.GetFiles(PostgresManualDirectory, "*.html").Order(StringComparer.Ordinal).ToArray();
    }

    public static byte[] Tasn1Pdf() => File.ReadAllBytes(Require(Tasn1ManualPdf, "libtasn1-doc"));

    public static byte[] Gpl3Text() => File.ReadAllBytes(Require(Gpl3, "base-files"));

    /// <summary>Returns the inflated content of a file that Debian stores gzip-compressed under /usr/share/doc.</summary>
    public static byte[] Gunzip(string path, string package)
    {
        using var file = File.OpenRead(Require(path, package));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        return content.ToArray();
    }

    private static string Require(string path, string package)
    {
        Assert.True(File.Exists(path),
            $"The test document {path} is missing. It comes from the Debian package {package}; " +
            "run `dotnet pwsh ./build.ps1 setup` to install it.");
        return path;
    }
}
