using System.Diagnostics;
using System.Globalization;

namespace VoiceHelper.Bench.Gateway;

/// <summary>
/// Measures how many turns per second the gateway stores when several conversations each send messages back to
/// back, and compares the rate with pgbench's single-row INSERT transactions on the same database.
/// </summary>
/// <remarks>
/// Each answered message stores two turns, the user's and the assistant's, so the turn rate is twice the message
/// rate. Every question is new text, numbered, so that nothing on the path can reuse an earlier answer.
/// </remarks>
internal static class TurnThroughputProbe
{
    private static readonly string[] Questions =
    [
        "How do I reset the password of my account?",
        "Which ports does the service listen on?",
        "How can I export my data to a spreadsheet?",
        "What happens when a payment fails twice?",
        "Where do I change the language of the interface?",
        "How long are deleted files kept before they are purged?",
        "Can two people edit the same document at once?",
        "Why does the upload stop at ninety percent?",
    ];

    /// <summary>
    /// Creates <paramref name="concurrency"/> conversations, sends one untimed message in each, then lets every
    /// conversation send messages back to back for <paramref name="duration"/>, and returns the turns stored per
    /// second and the CPU time that the silo and the gateway used per message.
    /// </summary>
    public static async Task<TurnThroughput> MeasureAsync(ConversationApiClient client, GatewayDeployment deployment,
        Guid knowledgeBaseId, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var conversations = new List<Guid>(concurrency);
        for (var index = 0; index < concurrency; index++)
        {
            conversations.Add(await client.CreateConversationAsync(knowledgeBaseId, cancellationToken));
        }

        await Task.WhenAll(conversations.Select(id => client.SendMessageAsync(id, Questions[0], cancellationToken)));

        var siloBefore = deployment.SiloProcessorTime;
        var gatewayBefore = deployment.GatewayProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(conversations.Select((id, index) =>
            SendUntilAsync(client, id, index, stopwatch, duration, cancellationToken)));
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var messages = counts.Sum();
        return new TurnThroughput(
            2.0 * messages / elapsed,
            (deployment.SiloProcessorTime - siloBefore).TotalMilliseconds / messages,
            (deployment.GatewayProcessorTime - gatewayBefore).TotalMilliseconds / messages);
    }

    /// <summary>Writes the turn rate, pgbench's rates and the two ratios.</summary>
    public static void Print(TextWriter output, int concurrency, TurnThroughput measured,
        double pgbenchOneClientTps, double pgbenchSameClientsTps)
    {
        var turnsPerSecond = measured.TurnsPerSecond;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {concurrency,2} conversations: {turnsPerSecond,8:0.0} turns/s, CPU per message: silo " +
            $"{measured.SiloCpuMillisecondsPerMessage:0.00} ms, gateway {measured.GatewayCpuMillisecondsPerMessage:0.00} ms; " +
            $"pgbench 1 client {pgbenchOneClientTps:0} tps (ratio {turnsPerSecond / pgbenchOneClientTps:0.000}), " +
            $"{concurrency} clients {pgbenchSameClientsTps:0} tps (ratio {turnsPerSecond / pgbenchSameClientsTps:0.000})"));
    }

    private static async Task<int> SendUntilAsync(ConversationApiClient client, Guid conversationId, int offset,
        Stopwatch stopwatch, TimeSpan duration, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (stopwatch.Elapsed < duration)
        {
            var question = Questions[(offset + sent) % Questions.Length];
            await client.SendMessageAsync(conversationId, $"{question} This is case {offset}-{sent}.", cancellationToken);
            sent++;
        }

        return sent;
    }
}

/// <summary>Turns stored per second, and the CPU time that each process used per message meanwhile.</summary>
internal sealed record TurnThroughput(
    double TurnsPerSecond, double SiloCpuMillisecondsPerMessage, double GatewayCpuMillisecondsPerMessage);
