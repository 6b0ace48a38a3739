namespace VoiceHelper.Bench.Harness;

/// <summary>
/// The environment lacks something that every benchmark of the run needs, such as the database's connection
/// string. The runner prints the message and stops, because the other benchmarks would fail the same way.
/// </summary>
internal sealed class BenchmarkConfigurationException(string message) : Exception(message);
