using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using VoiceHelper.Cli.Output;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Audio;

/// <summary>
/// Reads a WAVE file for a voice session. 16-bit PCM at any rate and with any number of channels is downmixed to
/// mono, and resampled to 16 kHz when the session rejects its rate. 8 kHz mono G.711 is sent as it is.
/// </summary>
internal static class WaveReader
{
    /// <summary>The rate that PCM at a rate the session rejects, such as 44,100 Hz, is resampled to.</summary>
    public const int ResampledRate = 16_000;

    private const ushort PcmTag = 1;
    private const ushort FloatTag = 3;
    private const ushort ALawTag = 6;
    private const ushort MuLawTag = 7;
    private const ushort ExtensibleTag = 0xFFFE;

    private const string Conversion = "sox FILE -b 16 -e signed-integer OUT.wav";

    /// <summary>Reads the file.</summary>
    /// <exception cref="CommandFailedException">
    /// The file is missing (<c>file_not_found</c>), is not a readable WAVE file (<c>invalid_wave</c>), or contains an
    /// encoding that vh does not send (<c>unsupported_audio</c>). The message names the file and the fix.
    /// </exception>
    public static Recording Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CommandFailedException(ExitCodes.UsageError, "file_not_found",
                $"'{path}' is a folder, not a WAVE file. Give the path of a recording.");
        }

        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CommandFailedException(ExitCodes.UsageError, "file_not_found", $"'{path}' does not exist.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(ExitCodes.UsageError, "file_not_found", $"'{path}' cannot be read: {exception.Message}");
        }

        var (format, data) = FindChunks(path, file);
        return Convert(path, format, data);
    }

    private static (WaveFormat Format, ReadOnlyMemory<byte> Data) FindChunks(string path, byte[] file)
    {
        if (file.Length < 12 || Encoding.ASCII.GetString(file, 0, 4) != "RIFF" || Encoding.ASCII.GetString(file, 8, 4) != "WAVE")
        {
            throw Invalid(path, "is not a WAVE file: it does not start with a RIFF WAVE header");
        }

        WaveFormat? format = null;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = Encoding.ASCII.GetString(file, offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            var available = file.Length - offset - 8;
            if (id == "fmt ")
            {
                format = ReadFormat(path, file.AsSpan(offset + 8, (int)Math.Min(size, (uint)available)));
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw Invalid(path, "has its data chunk before the fmt chunk that describes it");
                }

                // Recorders that stream WAVE files may leave the size unset (0 or 0xFFFFFFFF): the data then runs to the end.
                var length = size == 0 || size > available ? available : (int)size;
                return (format, file.AsMemory(offset + 8, length - (length % format.BlockAlign)));
            }

            offset += 8 + (int)Math.Min(size + (size % 2), (uint)available);
        }

        throw Invalid(path, format is null ? "has no fmt chunk" : "has no data chunk");
    }

    private static WaveFormat ReadFormat(string path, ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 16)
        {
            throw Invalid(path, $"has a fmt chunk of {chunk.Length} bytes, shorter than the 16 it needs");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var format = new WaveFormat(
            tag,
            BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]),
            BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(chunk[12..]),
            BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]));
        if (tag == ExtensibleTag && chunk.Length >= 26)
        {
            // WAVE_FORMAT_EXTENSIBLE names the encoding in the first two bytes of its sub-format GUID.
            format = format with { Tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]) };
        }

        if (format.Channels == 0 || format.SampleRate <= 0 || format.BlockAlign == 0)
        {
            throw Invalid(path, $"has an invalid fmt chunk: {Counts.Of(format.Channels, "channel")} at {format.SampleRate} Hz, " +
                $"{Counts.Of(format.BlockAlign, "byte")} per frame");
        }

        return format;
    }

    private static Recording Convert(string path, WaveFormat format, ReadOnlyMemory<byte> data)
    {
        var source = format.Describe();
        if (data.IsEmpty)
        {
            throw Invalid(path, "contains no audio");
        }

        // NOTE: no test sends a G.711 WAVE file, because no package that build.ps1 installs writes one.
        if (format.Tag is ALawTag or MuLawTag && format.BitsPerSample == 8)
        {
            if (format.SampleRate != AudioFormat.G711Rate || format.Channels != 1)
            {
                throw Unsupported(path, source, "G.711 audio is sent only at 8,000 Hz mono");
            }

            return new Recording(format.Tag == ALawTag ? AudioFormat.ALaw : AudioFormat.MuLaw, data.ToArray(), source);
        }

        if (format.Tag != PcmTag || format.BitsPerSample != 16 || format.BlockAlign != 2 * format.Channels)
        {
            throw Unsupported(path, source, "vh talk sends 16-bit PCM, or 8,000 Hz mono G.711");
        }

        var samples = Downmix(data.Span, format.Channels);
        var rate = format.SampleRate;
        if (rate is < AudioFormat.MinPcmRate or > AudioFormat.MaxPcmRate || rate % 1000 != 0)
        {
            samples = Resampling.Resample(samples, rate, ResampledRate);
            rate = ResampledRate;
        }

        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return new Recording(AudioFormat.Pcm16(rate), bytes, source) { Converted = format.Channels != 1 || rate != format.SampleRate };
    }

    // Averages the channels of each frame.
    private static short[] Downmix(ReadOnlySpan<byte> data, int channels)
    {
        var samples = new short[data.Length / (2 * channels)];
        for (var frame = 0; frame < samples.Length; frame++)
        {
            var sum = 0;
            for (var channel = 0; channel < channels; channel++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data[(2 * ((frame * channels) + channel))..]);
            }

            samples[frame] = (short)(sum / channels);
        }

        return samples;
    }

    private static CommandFailedException Invalid(string path, string problem) => new(ExitCodes.UsageError, "invalid_wave",
        $"'{path}' {problem}. vh talk reads WAVE files (.wav); convert the recording, for example with '{Conversion}'.");

    private static CommandFailedException Unsupported(string path, string source, string rule) => new(ExitCodes.UsageError,
        "unsupported_audio",
        $"'{path}' contains {source} audio, but {rule}. Convert it to 16-bit PCM, for example with '{Conversion}'.");

    private sealed record WaveFormat(ushort Tag, int Channels, int SampleRate, int BlockAlign, int BitsPerSample)
    {
        public string Describe()
        {
            var channels = Channels switch
            {
                1 => "mono",
                2 => "stereo",
                _ => $"{Channels}-channel",
            };
            var encoding = Tag switch
            {
                PcmTag => $"{BitsPerSample}-bit PCM",
                FloatTag => $"{BitsPerSample}-bit floating-point",
                ALawTag => "G.711 A-law",
                MuLawTag => "G.711 μ-law",
                _ => string.Create(CultureInfo.InvariantCulture, $"encoding 0x{Tag:X4}"),
            };
            return string.Create(CultureInfo.InvariantCulture, $"{SampleRate:N0} Hz {channels} {encoding}");
        }
    }
}
