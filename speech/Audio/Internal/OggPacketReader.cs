using System.Buffers.Binary;

namespace VoiceHelper.Speech.Audio.Internal;

/// <summary>
/// Splits the first logical bitstream of an Ogg file (RFC 3533) into packets. Each page's CRC is checked, and pages of
/// other bitstreams (a chained or multiplexed file) are skipped.
/// </summary>
internal static class OggPacketReader
{
    private const int HeaderSize = 27;
    private const byte ContinuedPacket = 0x01;

    /// <summary>Returns the packets of the first bitstream in order, each with the granule position of its page.</summary>
    /// <exception cref="AudioFormatException">A page is truncated, has a wrong CRC or breaks the format.</exception>
    public static List<OggPacket> ReadPackets(ReadOnlySpan<byte> file)
    {
        var packets = new List<OggPacket>();
        var partial = new List<byte>();
        uint? serial = null;
        var offset = 0;
        while (offset < file.Length)
        {
            var page = ReadPage(file, offset);
            offset += page.Length;
            serial ??= page.Serial;
            if (page.Serial != serial)
            {
                continue;
            }

            if ((page.HeaderType & ContinuedPacket) == 0 && partial.Count > 0)
            {
                throw new AudioFormatException(
                    $"The Ogg page at byte {page.Offset} starts a new packet while the previous one is unfinished.");
            }

            AddPackets(file, page, partial, packets);
        }

        if (serial is null)
        {
            throw new AudioFormatException("The Ogg file contains no pages.");
        }

        return packets;
    }

    private static void AddPackets(ReadOnlySpan<byte> file, OggPage page, List<byte> partial, List<OggPacket> packets)
    {
        var body = page.BodyOffset;
        var segmentTable = file.Slice(page.Offset + HeaderSize, page.SegmentCount);
        foreach (var lacing in segmentTable)
        {
            partial.AddRange(file.Slice(body, lacing));
            body += lacing;
            // A lacing value below 255 ends a packet; 255 continues it in the next segment.
            if (lacing < 255)
            {
                packets.Add(new OggPacket([.. partial], page.GranulePosition, page.IsLast));
                partial.Clear();
            }
        }
    }

    private static OggPage ReadPage(ReadOnlySpan<byte> file, int offset)
    {
        if (file.Length - offset < HeaderSize || !file.Slice(offset, 4).SequenceEqual("OggS"u8))
        {
            throw new AudioFormatException($"No Ogg page starts at byte {offset}: the file is damaged or truncated.");
        }

        var header = file[offset..];
        if (header[4] != 0)
        {
            throw new AudioFormatException($"The Ogg page at byte {offset} has version {header[4]}; only version 0 exists.",
                isUnsupported: true);
        }

        var segmentCount = header[26];
        if (header.Length < HeaderSize + segmentCount)
        {
            throw new AudioFormatException($"The Ogg page at byte {offset} is truncated in its segment table.");
        }

        var bodyLength = 0;
        foreach (var lacing in header.Slice(HeaderSize, segmentCount))
        {
            bodyLength += lacing;
        }

        var length = HeaderSize + segmentCount + bodyLength;
        if (header.Length < length)
        {
            throw new AudioFormatException(
                $"The Ogg page at byte {offset} needs {length} bytes, but the file ends after {header.Length}.");
        }

        CheckCrc(header[..length], offset);
        return new OggPage(offset, length, header[5], BinaryPrimitives.ReadInt64LittleEndian(header[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[14..]), segmentCount, offset + HeaderSize + segmentCount);
    }

    private static void CheckCrc(ReadOnlySpan<byte> page, int offset)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(page[22..]);
        var crc = OggCrc.Update(0, page[..22]);
        crc = OggCrc.Update(crc, [0, 0, 0, 0]);
        crc = OggCrc.Update(crc, page[26..]);
        if (crc != stored)
        {
            throw new AudioFormatException(
                $"The Ogg page at byte {offset} has CRC 0x{stored:x8}, but its content gives 0x{crc:x8}: the file is damaged.");
        }
    }

    private sealed record OggPage(
        int Offset, int Length, byte HeaderType, long GranulePosition, uint Serial, int SegmentCount, int BodyOffset)
    {
        public bool IsLast => (HeaderType & 0x04) != 0;
    }
}
