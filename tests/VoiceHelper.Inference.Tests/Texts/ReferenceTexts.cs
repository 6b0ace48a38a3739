using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace VoiceHelper.Inference.Tests.Texts;

/// <summary>
/// Real text that nobody on this project wrote: the license texts of Debian's base-files package and the third-party
/// notices that ship with the .NET SDK, which every machine that runs these tests has.
/// </summary>
internal static partial class ReferenceTexts
{
    public const string LicenseFolder = "/usr/share/common-licenses";

    /// <summary>The license files used, all ASCII.</summary>
    public static readonly string[] LicenseFiles = ["GPL-3", "Apache-2.0", "MPL-2.0"];

    /// <summary>Path of ThirdPartyNotices.txt, which contains non-ASCII text, in the .NET installation that runs the tests.</summary>
    public static string DotnetNoticesPath
    {
        get
        {
            // The runtime directory is <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
            var runtimeDirectory = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
            return Path.Combine(runtimeDirectory.Parent!.Parent!.Parent!.FullName, "ThirdPartyNotices.txt");
        }
    }

    /// <summary>Reads the paragraphs of a file, split at blank lines, with every run of white space turned into one space.</summary>
    public static IReadOnlyList<string> ReadParagraphs(string path)
    {
        Assert.True(File.Exists(path), $"Reference text '{path}' is missing. It comes with Debian's base-files package or the .NET SDK.");
        return BlankLine().Split(File.ReadAllText(path))
            .Select(paragraph => WhiteSpaceRun().Replace(paragraph, " ").Trim())
            .Where(paragraph => paragraph.Length > 0)
            .ToArray();
    }

    /// <summary>Reads the paragraphs of all <see cref="LicenseFiles"/>, file by file.</summary>
    public static IReadOnlyList<string> ReadLicenseParagraphs() =>
        LicenseFiles.SelectMany(file => ReadParagraphs(Path.Combine(LicenseFolder, file))).ToArray();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRun();
}
