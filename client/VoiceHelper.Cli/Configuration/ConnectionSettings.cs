using System.CommandLine;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Configuration;

/// <summary>
/// Resolves the client's settings from the command line, then the environment, then the development files that
/// <c>build.ps1 run</c> writes under <c>.data/</c>.
/// </summary>
internal static class ConnectionSettings
{
    public const string UrlVariable = "VOICEHELPER_URL";
    public const string ApiKeyVariable = "VOICEHELPER_API_KEY";
    public const string CaCertificateVariable = "VOICEHELPER_CA_CERT";

    private const string DataFolder = ".data";
    private const string DevelopmentKeyFile = "dev-api-key";
    private const string DevelopmentCertificateFile = "tls/dev-cert.pem";

    /// <summary>Returns the client options, or throws a usage error that says which setting is missing or invalid.</summary>
    public static VoiceHelperClientOptions Resolve(ParseResult parse, GlobalOptions options, string currentDirectory)
    {
        var dataFolder = FindDataFolder(currentDirectory);
        var address = ResolveAddress(parse.GetValue(options.Url) ?? Variable(UrlVariable));
        var settings = new VoiceHelperClientOptions
        {
            Address = address,
            ApiKey = ResolveApiKey(parse.GetValue(options.ApiKey) ?? Variable(ApiKeyVariable), dataFolder),
            TrustedCertificatePath = ResolveCertificate(
                parse.GetValue(options.CaCertificate) ?? Variable(CaCertificateVariable), address, dataFolder),
        };
        if (parse.GetValue(options.Timeout) is { } seconds)
        {
            // The option's parser accepted only 1 to 86400 seconds.
            settings.RequestTimeout = TimeSpan.FromSeconds(seconds);
        }

        try
        {
            settings.Validate();
        }
        catch (ArgumentException exception)
        {
            throw CommandFailedException.Usage(exception.Message);
        }

        return settings;
    }

    private static Uri ResolveAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return VoiceHelperClientOptions.DefaultAddress;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var address)
            ? address
            : throw CommandFailedException.Usage(
                $"The gateway address '{value}' is not an absolute URL; use one such as {VoiceHelperClientOptions.DefaultAddress}.");
    }

    private static string ResolveApiKey(string? value, string? dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        var keyFile = dataFolder is null ? null : Path.Combine(dataFolder, DevelopmentKeyFile);
        if (keyFile is not null && File.Exists(keyFile))
        {
            return File.ReadAllText(keyFile).Trim();
        }

        throw CommandFailedException.Usage(
            $"No API key. Set {ApiKeyVariable} or pass --api-key, or run vh inside a VoiceHelper checkout where " +
            "'build.ps1 run' wrote .data/dev-api-key.");
    }

    private static string? ResolveCertificate(string? value, Uri address, string? dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return File.Exists(value)
                ? value
                : throw CommandFailedException.Usage($"The certificate file '{value}' does not exist.");
        }

        var development = dataFolder is null ? null : Path.Combine(dataFolder, DevelopmentCertificateFile);
        return address.Scheme == Uri.UriSchemeHttps && development is not null && File.Exists(development) ? development : null;
    }

    private static string? FindDataFolder(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DataFolder);
            if (File.Exists(Path.Combine(candidate, DevelopmentKeyFile)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
