namespace VoiceHelper.Cli.Ingest;

/// <summary>
/// Reports progress on the reporting thread. <see cref="Progress{T}"/> would post each report to the thread pool, where
/// it could arrive after the file's status line.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
