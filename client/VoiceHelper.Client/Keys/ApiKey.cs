namespace VoiceHelper.Client;

/// <summary>An API key as the service shows it: never the secret, only its first characters.</summary>
/// <param name="Id">The key's id, which <see cref="KeyClient.RevokeAsync"/> takes.</param>
/// <param name="Name">The name given at creation.</param>
/// <param name="Prefix">The first characters of the key text, such as <c>vh_Ab3dE9x</c>, to tell keys apart.</param>
/// <param name="Admin">Whether the key may manage keys and open the dashboard.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while it is valid.</param>
public sealed record ApiKey(Guid Id, string Name, string Prefix, bool Admin, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
