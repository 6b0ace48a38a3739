using VoiceHelper.Gateway.Auth;

namespace VoiceHelper.Gateway.Keys;

/// <summary>The options of the <c>keys</c> verb, checked with the same rules as the REST API.</summary>
public sealed class KeyCommandOptions
{
    public string? Tenant { get; private set; }

    public string? Name { get; private set; }

    public Guid? KeyId { get; private set; }

    public bool Admin { get; private set; }

    /// <summary>Parses the options after <c>keys VERB</c>, or returns false with an error that names the option.</summary>
    public static bool TryParse(string[] args, out KeyCommandOptions options, out string error)
    {
        options = new KeyCommandOptions();
        error = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (option == "--admin")
            {
                options.Admin = true;
                continue;
            }

            if (i + 1 >= args.Length || option is not ("--tenant" or "--name" or "--id"))
            {
                error = $"Unknown option or missing value: '{option}'.";
                return false;
            }

            error = options.Set(option, args[++i]);
            if (error.Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private string Set(string option, string value)
    {
        if (option == "--id")
        {
            KeyId = Guid.TryParse(value, out var id) ? id : null;
            return KeyId is null ? $"Option --id must be a UUID, not '{value}'." : string.Empty;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.Length > ApiKeyText.MaxNameLength || trimmed.Contains('\0', StringComparison.Ordinal))
        {
            return $"Option {option} must be 1 to {ApiKeyText.MaxNameLength} characters, not blank, without NUL; got '{value}'.";
        }

        if (option == "--tenant")
        {
            Tenant = trimmed;
        }
        else
        {
            Name = trimmed;
        }

        return string.Empty;
    }
}
