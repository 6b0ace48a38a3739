namespace VoiceHelper.Grains;

/// <summary>Names of the grain storage providers that the silo registers.</summary>
public static class StorageNames
{
    /// <summary>The PostgreSQL storage that holds grain state.</summary>
    public const string Default = "Default";
}
