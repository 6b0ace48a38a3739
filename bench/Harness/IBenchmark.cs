namespace VoiceHelper.Bench.Harness;

/// <summary>
/// A benchmark: a candidate operation and a baseline operation that the runner times alternately in one
/// process, so that both see the same machine load.
/// </summary>
internal interface IBenchmark
{
    /// <summary>The name that <c>--filter</c> matches and that names the JSON result file.</summary>
    string Name { get; }

    /// <summary>What one candidate operation does.</summary>
    string Description { get; }

    /// <summary>What one baseline operation does, and why it is the floor for the candidate.</summary>
    string BaselineDescription { get; }

    /// <summary>
    /// The iteration counts when the command line gives none, sized so that a plain run of all benchmarks finishes
    /// in minutes: an operation of milliseconds gets thousands, an operation of seconds a handful.
    /// </summary>
    IterationCounts DefaultCounts { get; }

    /// <summary>Starts the servers and creates the data that both operations need, for a run of
    /// <paramref name="counts"/> iterations.</summary>
    Task SetupAsync(IterationCounts counts, CancellationToken cancellationToken);

    /// <summary>Runs one candidate operation.</summary>
    Task RunCandidateAsync(CancellationToken cancellationToken);

    /// <summary>Runs one baseline operation.</summary>
    Task RunBaselineAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stops what <see cref="SetupAsync"/> started and deletes the data it created. The runner calls it after a
    /// failed setup too, so it must handle a partial setup.
    /// </summary>
    Task TeardownAsync(CancellationToken cancellationToken);
}
