namespace VoiceHelper.Speech.Audio.Internal;

/// <summary>
/// One packet of an Ogg bitstream, with the granule position of the page on which it ends and whether that page is
/// the last of the stream.
/// </summary>
internal sealed record OggPacket(byte[] Data, long GranulePosition, bool OnLastPage);
