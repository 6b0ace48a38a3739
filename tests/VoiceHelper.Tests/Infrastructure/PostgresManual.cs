namespace VoiceHelper.Tests.Infrastructure;

/// <summary>The PostgreSQL 15 manual from Debian's postgresql-doc-15 package: real documents that nobody here wrote.</summary>
public static class PostgresManual
{
    public const string HtmlFolder = "/usr/share/doc/postgresql-doc-15/html";

    /// <summary>Returns the bytes of one HTML page of the manual, such as <c>indexes-types.html</c>.</summary>
    public static byte[] ReadPage(string fileName)
    {
        var path = Path.Combine(HtmlFolder, fileName);
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException(
                $"The PostgreSQL manual page '{path}' is missing. Install it with 'dotnet pwsh ./build.ps1 setup' " +
                "(Debian package postgresql-doc-15).", path);
    }
}
