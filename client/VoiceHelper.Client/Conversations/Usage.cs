namespace VoiceHelper.Client;

/// <summary>A tenant's usage since it was created.</summary>
/// <param name="MessageCount">Stored messages of both roles; an assistant message counts once its answer has ended.</param>
/// <param name="CharactersIn">Characters (UTF-16 code units) of user messages.</param>
/// <param name="CharactersOut">Characters of assistant messages whose answer has ended.</param>
/// <param name="AudioSeconds">Seconds of recognized speech.</param>
/// <param name="UpdatedAt">When a counter last changed; null before the tenant's first message.</param>
/// <param name="AudioSecondsOut">Seconds of synthesized speech.</param>
public sealed record Usage(
    long MessageCount, long CharactersIn, long CharactersOut, double AudioSeconds, DateTimeOffset? UpdatedAt,
    double AudioSecondsOut);
