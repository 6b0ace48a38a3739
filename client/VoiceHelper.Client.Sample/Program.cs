using VoiceHelper.Client;

// The gateway's gRPC address and an API key: build.ps1 run prints both and writes the key to .data/dev-api-key.
var options = new VoiceHelperClientOptions
{
    Address = new Uri(Environment.GetEnvironmentVariable("VOICEHELPER_URL") ?? "http://127.0.0.1:8081"),
    ApiKey = Environment.GetEnvironmentVariable("VOICEHELPER_API_KEY") ?? File.ReadAllText(".data/dev-api-key").Trim(),
};
using var client = new VoiceHelperClient(options);

// A knowledge base with one page of the PostgreSQL manual, uploaded and indexed.
var knowledgeBase = await client.Knowledge.CreateKnowledgeBaseAsync($"sample-{Guid.NewGuid():N}");
var path = args.Length > 0 ? args[0] : "/usr/share/doc/postgresql-doc-15/html/sql-vacuum.html";
var progress = new Progress<UploadProgress>(update =>
    Console.Error.WriteLine($"{update.BytesSent} bytes sent, document {update.Document?.Status.ToString() ?? "not stored yet"}"));
var upload = await client.Knowledge.UploadDocumentAsync(
    knowledgeBase.Id, path, new UploadOptions { WaitUntilIndexed = true }, progress);
Console.WriteLine($"{upload.Document.FileName}: {upload.Document.Status}, {upload.Document.ChunkCount} chunks");

// One question, answered with the passages it quotes.
var answer = await client.Knowledge.AskAsync(knowledgeBase.Id, "What does VACUUM FULL do?");
Console.WriteLine(answer.Text);
foreach (var source in answer.Sources)
{
    Console.WriteLine($"  source: {source.Title} / {source.Heading}");
}

// A conversation: the answer streams as it is written, then come its sources and the stored message.
var conversation = await client.Conversations.CreateAsync(new ConversationSettings { KnowledgeBaseId = knowledgeBase.Id });
await foreach (var chatEvent in client.Conversations.ChatAsync(conversation.Id, "How do I reclaim disk space?"))
{
    switch (chatEvent)
    {
        case TextDelta delta:
            Console.Write(delta.Text);
            break;
        case ResponseSources sources:
            Console.WriteLine($"\n  {sources.Sources.Count} sources, the first: {sources.Sources.FirstOrDefault()?.Title}");
            break;
        case ResponseDone done:
            Console.WriteLine($"  answer {done.AssistantMessage.Status}");
            break;
    }
}

// Failures are exceptions by kind that carry the gateway's error code.
try
{
    await client.Knowledge.GetKnowledgeBaseAsync(Guid.NewGuid());
}
catch (VoiceHelperNotFoundException exception)
{
    Console.WriteLine($"{exception.ErrorCode}: {exception.Message}");
}

await client.Knowledge.DeleteKnowledgeBaseAsync(knowledgeBase.Id);
