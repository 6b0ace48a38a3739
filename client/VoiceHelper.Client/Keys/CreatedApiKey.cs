namespace VoiceHelper.Client;

/// <summary>A new API key with its text, which the service returns only once.</summary>
/// <param name="ApiKey">The stored key.</param>
/// <param name="Key">The key text to send as <c>authorization: Bearer KEY</c>; store it, it cannot be read again.</param>
public sealed record CreatedApiKey(ApiKey ApiKey, string Key);
