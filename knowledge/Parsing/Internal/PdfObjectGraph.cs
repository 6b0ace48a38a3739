namespace VoiceHelper.Knowledge.Parsing.Internal;

/// <summary>
/// A directed graph of PDF object numbers, such as objects whose whole value is a reference to another object,
/// or Form XObjects that draw other forms. PdfPig 0.1.16 follows both kinds of edge recursively, so a loop or a
/// long path of them can overflow the stack, which ends the process.
/// </summary>
internal sealed class PdfObjectGraph
{
    // A file may define an object more than once (incremental updates) and PdfPig may read any definition,
    // so an object keeps the targets of all its definitions.
    private readonly Dictionary<long, List<long>> _targets = [];

    /// <summary>Adds an edge from object <paramref name="source"/> to object <paramref name="target"/>.</summary>
    public void Add(long source, long target)
    {
        if (!_targets.TryGetValue(source, out var targets))
        {
            targets = [];
            _targets[source] = targets;
        }

        if (!targets.Contains(target))
        {
            targets.Add(target);
        }
    }

    /// <summary>
    /// Returns an object on a loop, or the start of a path of more than <paramref name="maxEdges"/> edges, or
    /// <see langword="null"/> when there is neither.
    /// </summary>
    public (long ObjectNumber, bool IsLoop)? FindLoopOrLongPath(int maxEdges)
    {
        // The number of edges on the longest path from each object whose search has finished.
        var pathLengths = new Dictionary<long, int>();
        foreach (var start in _targets.Keys)
        {
            if (!pathLengths.ContainsKey(start) && Search(start, maxEdges, pathLengths) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    // Depth-first search with an explicit stack, because the paths come from the file and may be long.
    private (long ObjectNumber, bool IsLoop)? Search(long start, int maxEdges, Dictionary<long, int> pathLengths)
    {
        var onPath = new HashSet<long> { start };
        var path = new Stack<(long Number, int NextTarget)>();
        path.Push((start, 0));
        while (path.Count > 0)
        {
            var (number, nextTarget) = path.Pop();
            var targets = _targets.GetValueOrDefault(number) ?? [];
            if (nextTarget >= targets.Count)
            {
                onPath.Remove(number);
                pathLengths[number] = targets.Count == 0 ? 0 : 1 + targets.Max(target => pathLengths[target]);
                continue;
            }

            path.Push((number, nextTarget + 1));
            var target = targets[nextTarget];
            if (onPath.Contains(target))
            {
                return (target, true);
            }

            // The path from start to number has path.Count - 1 edges, and the edge to target adds one.
            var known = pathLengths.TryGetValue(target, out var length);
            if (path.Count + length > maxEdges)
            {
                return (start, false);
            }

            if (!known)
            {
                onPath.Add(target);
                path.Push((target, 0));
            }
        }

        return null;
    }
}
