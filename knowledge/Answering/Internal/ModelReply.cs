namespace VoiceHelper.Knowledge.Answering.Internal;

/// <summary>
/// A model's reply taken apart: its text without citation markers, the passages it cited (0-based, in the order of
/// their first citation) with the reply sentences that cite each, and the cited numbers that match no passage.
/// </summary>
internal sealed record ModelReply(
    string Text,
    bool Declined,
    IReadOnlyList<int> CitedPassages,
    ILookup<int, string> ClaimsByPassage,
    IReadOnlyList<int> OutOfRangeNumbers)
{
    /// <summary>The reply of a model that found no answer in the passages.</summary>
    public static ModelReply NoAnswer { get; } =
        new(string.Empty, true, [], Array.Empty<string>().ToLookup(_ => 0), []);
}
