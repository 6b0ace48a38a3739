using System.Buffers.Binary;
using VoiceHelper.Integration.Tests.Infrastructure;

namespace VoiceHelper.Integration.Tests.Web;

/// <summary>Where the browser tests find Chromium and put their screenshots, and how they feed its microphone.</summary>
internal static class Browser
{
    /// <summary>
    /// Debian's Chromium, which <c>build.ps1</c> installs. Playwright drives it as it is, so nothing is downloaded.
    /// </summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private const int MicrophoneRate = 16_000;

    /// <summary><c>artifacts/web</c> under the repository root, created on first use.</summary>
    public static string ScreenshotFolder { get; } =
        Directory.CreateDirectory(Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "web")).FullName;

    /// <summary>
    /// Chromium's switches that grant the microphone without asking and play <paramref name="wavePath"/> as its
    /// input. Chromium starts the file again at each <c>getUserMedia</c> call and loops it.
    /// </summary>
    public static string[] FakeMicrophoneArguments(string wavePath) =>
    [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        $"--use-file-for-fake-audio-capture={wavePath}",
    ];

    /// <summary>
    /// Writes 16 kHz samples followed by <paramref name="silence"/> as a 16-bit mono WAVE file under
    /// <c>artifacts/web</c>, the form that Chromium's fake microphone plays (it is silent for 24-bit files).
    /// </summary>
    public static string WriteMicrophoneWave(string name, short[] samples, TimeSpan silence)
    {
        var silentSamples = (int)(silence.TotalSeconds * MicrophoneRate);
        var dataBytes = (samples.Length + silentSamples) * 2;
        var file = new byte[44 + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], MicrophoneRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], MicrophoneRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], samples[i]);
        }

        var path = Path.Combine(ScreenshotFolder, name);
        File.WriteAllBytes(path, file);
        return path;
    }
}
