namespace VoiceHelper.Knowledge.Chunking.Internal;

/// <summary>A heading and the blocks up to the next heading, cut into units.</summary>
/// <param name="HeadingPath">The path of the section's heading; empty for text before the first heading.</param>
/// <param name="Units">The section's units in reading order.</param>
internal sealed record DocumentSection(IReadOnlyList<string> HeadingPath, List<TextUnit> Units)
{
    /// <summary>The characters from the first unit's start to the last unit's end.</summary>
    public int Length => Units.Count == 0 ? 0 : Units[^1].End - Units[0].Start;

    /// <summary>Returns whether <paramref name="other"/> is nested under this section's heading.</summary>
    public bool Contains(DocumentSection other) =>
        other.HeadingPath.Count > HeadingPath.Count
        && HeadingPath.Select((heading, i) => heading == other.HeadingPath[i]).All(same => same);

    /// <summary>
    /// Returns whether <paramref name="other"/> is nested under this section's parent heading, as a sibling or
    /// deeper. Sections at the top level have no parent heading and share nothing.
    /// </summary>
    public bool SharesParentWith(DocumentSection other) =>
        HeadingPath.Count >= 2
        && other.HeadingPath.Count >= HeadingPath.Count - 1
        && HeadingPath.Take(HeadingPath.Count - 1).Select((heading, i) => heading == other.HeadingPath[i]).All(same => same);
}
