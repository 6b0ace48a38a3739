using System.Net;
using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;
using static VoiceHelper.Integration.Tests.Infrastructure.GatewayCalls;

namespace VoiceHelper.Integration.Tests.Conversations;

/// <summary>
/// A five-turn conversation over PostgreSQL manual pages in which every turn after the first is a follow-up that
/// names its topic only through the earlier turns. Retrieval finds the right page only when the question is
/// rewritten with that context, and ranks it first only when the earlier turns' actions do not leak into it.
/// </summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FollowUpConversationTests(ServiceFixture fixture, ITestOutputHelper output)
{
    // The pages whose passages answer each turn. The introduction to indexes answers the second turn in one
    // sentence ("To remove an index, use the DROP INDEX command."), so it counts as well as the DROP INDEX page.
    private static readonly (string Question, string[] Pages)[] Turns =
    [
        ("How do I create an index?", ["sql-createindex.html"]),
        ("And how do I remove it?", ["sql-dropindex.html", "indexes-intro.html"]),
        ("Can it be unique?", ["indexes-unique.html"]),
        ("How do I rebuild it if it gets corrupted?", ["sql-reindex.html"]),
        ("Can I rename it?", ["sql-alterindex.html"]),
    ];

    [Fact]
    public async Task Conversation_FiveFollowUps_EachCitesRightPageFirst()
    {
        using var client = fixture.CreateClient(fixture.AdminKeyOfTenantA);
        client.Timeout = TimeSpan.FromMinutes(2);
        var manual = await ManualPages.GetAsync(fixture);
        var pageOf = manual.DocumentIds.ToDictionary(entry => entry.Value, entry => entry.Key);
        var conversationId = await ManualPages.CreateConversationAsync(fixture, client);
        var cited = new List<IReadOnlyList<string>>();

        foreach (var (question, _) in Turns)
        {
            using var response = await SendMessageAsync(client, conversationId, question);
            var body = await ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            var pages = body.GetProperty("reply").GetProperty("sources").EnumerateArray()
                .Select(source => pageOf.GetValueOrDefault(source.GetProperty("document_id").GetGuid(), "unknown"))
                .ToList();
            output.WriteLine($"{question} -> {string.Join(", ", pages)}");
            cited.Add(pages);
        }

        var messages = await ReadMessagesAsync(client, conversationId);

        for (var turn = 0; turn < Turns.Length; turn++)
        {
            Assert.True(cited[turn].Count > 0, $"Turn {turn + 1} '{Turns[turn].Question}' cited no page.");
            Assert.True(Turns[turn].Pages.Contains(cited[turn][0]),
                $"Turn {turn + 1} '{Turns[turn].Question}' cited [{string.Join(", ", cited[turn])}]; the first source " +
                $"should be one of [{string.Join(", ", Turns[turn].Pages)}].");
        }

        Assert.Equal(2 * Turns.Length, messages.Count);
        Assert.All(messages, message => Assert.Equal("completed", message.GetProperty("status").GetString()));
    }
}
