using System.Text;

namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// Decodes uploaded text: a byte order mark selects UTF-8, UTF-16 or UTF-32; without one, valid UTF-8 is
/// read as UTF-8, text with every other byte zero as UTF-16, and anything else as Windows-1252.
/// Line endings become <c>\n</c>.
/// </summary>
internal static class TextDecoder
{
    private const int SampleBytes = 8192;

    // Share of control characters (other than tab, line feed, form feed and carriage return) above which the
    // content is taken to be binary. Text in any encoding has almost none.
    private const double MaxControlCharacterShare = 0.01;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="content"/>, or throws when it is binary or invalid in its encoding.</summary>
    public static string Decode(ReadOnlySpan<byte> content, string fileName)
    {
        var (text, encodingName) = DecodeBytes(content, fileName);
        var (controls, replacements, sampled) = CountSuspectCharacters(text);
        if (controls + replacements > sampled * MaxControlCharacterShare)
        {
            // The decoders put U+FFFD in place of each invalid sequence. When those outnumber the control
            // characters, the file is text in a broken encoding rather than binary data.
            throw replacements > controls
                ? InvalidEncoding(fileName, encodingName, replacements, sampled)
                : ParseErrors.NotText(fileName);
        }

        return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
    }

    /// <summary>Returns whether <paramref name="content"/> has zero bytes that no 8-bit text encoding produces.</summary>
    public static bool HasZeroBytes(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, SampleBytes)].Contains((byte)0);

    private static (string Text, string EncodingName) DecodeBytes(ReadOnlySpan<byte> content, string fileName)
    {
        if (TryDecodeWithByteOrderMark(content, out var text, out var encodingName))
        {
            return (text, encodingName);
        }

        if (LooksLikeUtf16(content, out var encoding))
        {
            return (encoding.GetString(content), "UTF-16");
        }

        if (HasZeroBytes(content))
        {
            throw ParseErrors.NotText(fileName);
        }

        try
        {
            return (StrictUtf8.GetString(content), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8, so most likely a Western legacy code page; Windows-1252 is a superset of Latin-1's
            // printable characters.
            return (CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(content), "Windows-1252");
        }
    }

    private static bool TryDecodeWithByteOrderMark(ReadOnlySpan<byte> content, out string text, out string encodingName)
    {
        (Encoding? encoding, int length, encodingName) = content switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 3, "UTF-8"),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4, "UTF-32"),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4, "UTF-32"),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2, "UTF-16"),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2, "UTF-16"),
            _ => ((Encoding?)null, 0, ""),
        };
        text = encoding?.GetString(content[length..]) ?? "";
        return encoding is not null;
    }

    // ASCII-range text in UTF-16 without a byte order mark has a zero in every other byte.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> content, out Encoding encoding)
    {
        var sample = content[..(Math.Min(content.Length, SampleBytes) & ~1)];
        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            zeroEven += sample[i] == 0 ? 1 : 0;
            zeroOdd += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = Math.Max(1, sample.Length / 2);
        var bigEndian = zeroEven > pairs * 0.4 && zeroOdd == 0;
        var littleEndian = zeroOdd > pairs * 0.4 && zeroEven == 0;
        encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        return bigEndian || littleEndian;
    }

    // Counts control characters other than tab, line feed, form feed and carriage return, and replacement
    // characters, in the first characters of the text.
    private static (int Controls, int Replacements, int Sampled) CountSuspectCharacters(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, SampleBytes * 8));
        int controls = 0, replacements = 0;
        foreach (var c in sample)
        {
            if (c == '\uFFFD')
            {
                replacements++;
            }
            else if (char.IsControl(c) && c is not ('\t' or '\n' or '\f' or '\r'))
            {
                controls++;
            }
        }

        return (controls, replacements, sample.Length);
    }

    private static DocumentParseException InvalidEncoding(string fileName, string encodingName, int replacements, int sampled) =>
        new(DocumentParseError.BinaryContent, fileName,
            $"The file '{fileName}' is not valid {encodingName} text: {replacements:N0} of its first {sampled:N0} " +
            "characters could not be decoded. Save it again as UTF-8 and upload it.");
}
