using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// One pgbench run of single-row INSERT transactions, which shows the database's own rate for the smallest durable
/// write without .NET in the path.
/// </summary>
internal static partial class PgbenchInsertRun
{
    public const string PathVariableName = "VOICEHELPER_BENCH_PGBENCH";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="transactions"/> INSERT transactions from each of <paramref name="clients"/> connections
    /// into <paramref name="table"/>, which has the columns <c>id bigint</c> and <c>text text</c>, and returns the tps
    /// and mean latency that pgbench printed.
    /// </summary>
    /// <exception cref="InvalidOperationException">pgbench failed or printed no tps line.</exception>
    public static async Task<(double TransactionsPerSecond, double MeanLatencyMilliseconds)> RunAsync(
        string connectionString, string table, int clients, int transactions, string text,
        CancellationToken cancellationToken)
    {
        var script = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(script,
                $"\\set id random(1, 1000000000)\nINSERT INTO {table} (id, text) VALUES (:id, '{text}');\n",
                cancellationToken);
            var output = await RunPgbenchAsync(connectionString, script, clients, transactions, cancellationToken);
            return (ReadNumber(TpsPattern(), output), ReadNumber(LatencyPattern(), output));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunPgbenchAsync(
        string connectionString, string script, int clients, int transactions, CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable(PathVariableName) ?? "pgbench")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -n skips the VACUUM of pgbench's own tables, which a custom script does not use.
        // One pgbench thread per core, at most one per client, keeps several clients busy on every core.
        var threads = Math.Min(clients, Environment.ProcessorCount);
        string[] arguments = ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-j", threads.ToString(CultureInfo.InvariantCulture), "-t", transactions.ToString(CultureInfo.InvariantCulture),
            "-f", script, "-h", settings.Host ?? "127.0.0.1", "-p", settings.Port.ToString(CultureInfo.InvariantCulture),
            "-U", settings.Username ?? "postgres", settings.Database ?? "postgres"];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (settings.Password is { } password)
        {
            startInfo.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"pgbench '{startInfo.FileName}' did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(RunTimeout, cancellationToken);
        var output = await standardOutput + await standardError;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pgbench exited with code {process.ExitCode}. Set {PathVariableName} to its path if it is not on " +
                $"PATH.\n{output}");
        }

        return output;
    }

    private static double ReadNumber(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pgbench's output has no line matching '{pattern}'.\n{output}");

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyPattern();
}
