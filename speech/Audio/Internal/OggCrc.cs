namespace VoiceHelper.Speech.Audio.Internal;

/// <summary>
/// The CRC-32 of Ogg pages: polynomial 0x04C11DB7, initial value 0, most significant bit first, no final XOR.
/// </summary>
internal static class OggCrc
{
    private static readonly uint[] Table = CreateTable();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            crc = (crc << 8) ^ Table[(byte)(crc >> 24) ^ value];
        }

        return crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var remainder = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                remainder = (remainder & 0x80000000) != 0 ? (remainder << 1) ^ 0x04C11DB7 : remainder << 1;
            }

            table[i] = remainder;
        }

        return table;
    }
}
