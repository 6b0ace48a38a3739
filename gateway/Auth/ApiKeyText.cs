using System.Security.Cryptography;
using System.Text;

namespace VoiceHelper.Gateway.Auth;

/// <summary>
/// The text form of API keys: <c>vh_</c> followed by 43 base64url characters of 256 random bits.
/// Only the SHA-256 of the text is stored.
/// </summary>
public static class ApiKeyText
{
    public const string Prefix = "vh_";

    /// <summary>The number of leading characters kept in clear so people can tell keys apart.</summary>
    public const int DisplayPrefixLength = 10;

    /// <summary>The longest key or tenant name, as the database allows.</summary>
    public const int MaxNameLength = 100;

    private const int SecretBytes = 32;

    /// <summary>Generates a new random key.</summary>
    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>Returns the SHA-256 of the key text, the value stored and looked up.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Returns the leading characters shown in listings and logs, never enough to use the key.</summary>
    public static string DisplayPrefix(string key) =>
        key.Length <= DisplayPrefixLength ? key : key[..DisplayPrefixLength];

    /// <summary>Returns whether the text has the shape of a key; a false result saves a database query.</summary>
    public static bool HasValidShape(string key) =>
        key.Length == Prefix.Length + 43 && key.StartsWith(Prefix, StringComparison.Ordinal)
        && key.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
