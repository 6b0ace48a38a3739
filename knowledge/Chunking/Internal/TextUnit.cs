namespace VoiceHelper.Knowledge.Chunking.Internal;

/// <summary>
/// The smallest piece the packer places whole into a chunk: a heading, a sentence, a code or table line, or a
/// code block that fits in one chunk.
/// </summary>
/// <param name="Start">The offset of the first character in the document text.</param>
/// <param name="End">The offset just past the last character in the document text.</param>
/// <param name="HeadingPath">The heading path of the block the unit comes from.</param>
/// <param name="Page">The page of the block the unit comes from, if known.</param>
/// <param name="IsHeading">Whether the unit is a heading, which must not end a chunk.</param>
internal readonly record struct TextUnit(int Start, int End, IReadOnlyList<string> HeadingPath, int? Page, bool IsHeading);
