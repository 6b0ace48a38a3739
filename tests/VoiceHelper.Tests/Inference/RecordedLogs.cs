using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VoiceHelper.Tests.Inference;

/// <summary>The log events of every silo of a test cluster, with the name of the silo that wrote each.</summary>
public sealed class RecordedLogs
{
    private readonly ConcurrentQueue<(string Silo, EventId EventId, LogLevel Level)> _events = new();

    /// <summary>Returns how many events with <paramref name="eventId"/> each silo wrote.</summary>
    public IReadOnlyDictionary<string, int> CountBySilo(int eventId) =>
        _events.Where(entry => entry.EventId.Id == eventId)
            .GroupBy(entry => entry.Silo)
            .ToDictionary(group => group.Key, group => group.Count());

    /// <summary>Returns a provider that records the events of the silo named <paramref name="silo"/>.</summary>
    public ILoggerProvider ProviderFor(string silo) => new Provider(this, silo);

    private sealed class Provider(RecordedLogs logs, string silo) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(logs, silo);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(RecordedLogs logs, string silo) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs._events.Enqueue((silo, eventId, logLevel));
            }
        }
    }
}
