namespace VoiceHelper.Bench.Harness;

/// <summary>An invalid command line. The message names the bad argument and the expected value.</summary>
internal sealed class UsageException(string message) : Exception(message);
