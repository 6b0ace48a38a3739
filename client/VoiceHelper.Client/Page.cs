namespace VoiceHelper.Client;

/// <summary>One page of a listing, and the token of the next page.</summary>
/// <typeparam name="T">The type of the listed items.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="NextPageToken">The token to pass back for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextPageToken);
