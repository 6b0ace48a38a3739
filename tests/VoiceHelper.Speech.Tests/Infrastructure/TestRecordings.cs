using System.Text.RegularExpressions;
using VoiceHelper.Speech.Audio;

namespace VoiceHelper.Speech.Tests.Infrastructure;

/// <summary>
/// Recorded speech with reference transcripts from Debian's pocketsphinx-testdata, which build.ps1 installs: five
/// LibriVox sentences read by one speaker, and five spoken card names.
/// </summary>
internal static partial class TestRecordings
{
    public const string Folder = "/usr/share/pocketsphinx/test/data";

    public static IReadOnlyList<Recording> LibriVox => Load("librivox", "transcription");

    public static IReadOnlyList<Recording> Cards => Load("cards", "cards.transcription");

    public static IReadOnlyList<Recording> All => [.. LibriVox, .. Cards];

    public static AudioClip ReadClip(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Test recording '{path}' is missing. Install pocketsphinx-testdata: dotnet pwsh ./build.ps1 setup.", path);
        }

        return WaveFile.Read(File.ReadAllBytes(path));
    }

    private static List<Recording> Load(string folder, string transcriptFile)
    {
        var path = Path.Combine(Folder, folder, transcriptFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Transcript '{path}' is missing. Install pocketsphinx-testdata: dotnet pwsh ./build.ps1 setup.", path);
        }

        // Lines look like: <s> he was not an ill disposed young man </s> (sense_and_sensibility_01_austen_64kb-0880)
        return File.ReadLines(path)
            .Select(line => TranscriptLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new Recording(
                Path.Combine(Folder, folder, match.Groups["id"].Value + ".wav"),
                match.Groups["text"].Value.Trim()))
            .ToList();
    }

    [GeneratedRegex(@"^<s>(?<text>.*)</s>\s*\((?<id>[^)]+)\)")]
    private static partial Regex TranscriptLine();
}

/// <summary>A WAVE recording and its reference transcript.</summary>
internal sealed record Recording(string Path, string Reference)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}
