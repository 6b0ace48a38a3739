namespace VoiceHelper.Cli;

/// <summary>
/// The exit codes of <c>vh</c>, one per kind of failure, so scripts can branch on them. docs/cli.md lists them; they
/// never change meaning.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failure that no other code covers, such as an internal error of the gateway or a failed answer.</summary>
    public const int Failure = 1;

    /// <summary>
    /// Invalid command line or configuration, such as a missing API key, or an input file that the command cannot use,
    /// such as a recording that is not a WAVE file.
    /// </summary>
    public const int UsageError = 2;

    /// <summary>The API key is missing, unknown or revoked.</summary>
    public const int AuthenticationFailed = 3;

    /// <summary>The API key may not do this, such as key management with a key that is no administrator.</summary>
    public const int PermissionDenied = 4;

    /// <summary>A knowledge base, conversation, document or key does not exist.</summary>
    public const int NotFound = 5;

    /// <summary>The gateway rejected the request: an invalid value, a name that is taken, a missing precondition.</summary>
    public const int Rejected = 6;

    /// <summary>The gateway could not be reached, or the cluster or its storage was unavailable.</summary>
    public const int Unavailable = 7;

    /// <summary>The call timed out.</summary>
    public const int TimedOut = 8;

    /// <summary><c>vh ingest</c>: at least one file failed; the others were ingested.</summary>
    public const int IngestFailed = 9;

    /// <summary>Ctrl+C stopped the command.</summary>
    public const int Interrupted = 130;
}
