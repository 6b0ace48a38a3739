namespace VoiceHelper.Grains.Persistence;

/// <summary>
/// A PostgreSQL call inside a grain failed. Database driver exceptions cannot cross to the gateway, so the silo
/// replaces them with this one. <see cref="IsTransient"/> says whether retrying the request can succeed.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.StorageException")]
public sealed class StorageException : Exception
{
    public StorageException(string message, bool isTransient, string? sqlState)
        : base(message)
    {
        IsTransient = isTransient;
        SqlState = sqlState;
    }

    /// <summary>Whether the failure is temporary, such as a lost connection, so that a retry can succeed.</summary>
    [Id(0)]
    public bool IsTransient { get; }

    /// <summary>The PostgreSQL error code (SQLSTATE), when the server reported one.</summary>
    [Id(1)]
    public string? SqlState { get; }
}
