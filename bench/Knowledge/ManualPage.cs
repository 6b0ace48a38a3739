namespace VoiceHelper.Bench.Knowledge;

/// <summary>One HTML page of the PostgreSQL manual: its file name and bytes.</summary>
internal sealed record ManualPage(string FileName, byte[] Content);
