namespace VoiceHelper.Grains.Knowledge;

/// <summary>Error codes and limits of ingestion that are not parse errors.</summary>
public static class IngestionErrors
{
    /// <summary>The code of a document whose ingestion was interrupted too often, such as by a silo crash.</summary>
    public const string Crashed = "ingestion_crashed";

    /// <summary>The code of a document whose ingestion failed for a reason that a retry may fix.</summary>
    public const string Failed = "ingestion_failed";

    /// <summary>How many times ingestion of one document may start before it is given up.</summary>
    public const int MaxAttempts = 3;
}
