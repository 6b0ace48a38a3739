using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VoiceHelper.Knowledge.Tests.Answering;

/// <summary>A logger that keeps every entry, so tests can check event ids, levels and messages.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
}

/// <summary>One entry written to a <see cref="RecordingLogger{T}"/>.</summary>
public sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
