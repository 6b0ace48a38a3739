using System.Text;
using VoiceHelper.Client;

namespace VoiceHelper.Cli.Ingest;

/// <summary>
/// One line on a terminal's standard error that redraws itself: a bar of the files done, and the latest progress of
/// a file in flight. Status lines written through <see cref="Complete"/> appear above it. It draws nothing when standard
/// error is not a terminal.
/// </summary>
internal sealed class ProgressLine(TextWriter error, bool enabled, int total)
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private int _done;
    private string _latest = string.Empty;
    private DateTime _drawnAt = DateTime.MinValue;
    private bool _visible;

    /// <summary>Records a file's upload or ingestion progress.</summary>
    public void Report(string path, UploadProgress progress)
    {
        lock (_gate)
        {
            _latest = $"{Path.GetFileName(path)}: {Describe(progress)}";
            Draw(force: false);
        }
    }

    /// <summary>Counts a finished file and writes its status line, if any, above the progress line.</summary>
    public void Complete(TextWriter output, string? line)
    {
        lock (_gate)
        {
            _done++;
            Clear();
            if (line is not null)
            {
                output.WriteLine(line);
                output.Flush();
            }

            Draw(force: true);
        }
    }

    /// <summary>Removes the progress line, before the summary.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            Clear();
        }
    }

    private static string Describe(UploadProgress progress) => progress.Document switch
    {
        null when progress.TotalBytes is > 0 => $"uploading {100 * progress.BytesSent / progress.TotalBytes.Value}%",
        null => $"uploading {progress.BytesSent} bytes",
        { Status: DocumentStatus.Embedding } document => $"embedding {document.ChunksEmbedded}/{document.ChunkCount} chunks",
        { } document => document.Status.ToString().ToLowerInvariant(),
    };

    private void Draw(bool force)
    {
        var now = DateTime.UtcNow;
        if (!enabled || (!force && now - _drawnAt < RedrawInterval))
        {
            return;
        }

        var filled = total == 0 ? BarWidth : BarWidth * _done / total;
        var line = new StringBuilder("\r[")
            .Append('#', filled).Append('.', BarWidth - filled)
            .Append($"] {_done}/{total} files  {_latest}");
        var width = Math.Max(TerminalWidth() - 1, 40);
        error.Write(line.Length > width ? line.ToString(0, width) : line.ToString());
        error.Write("\u001b[K");
        error.Flush();
        _drawnAt = now;
        _visible = true;
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            // The terminal reports no size.
            return 80;
        }
    }

    private void Clear()
    {
        if (_visible)
        {
            error.Write("\r\u001b[K");
            error.Flush();
            _visible = false;
        }
    }
}
