using VoiceHelper.Client;

// The gateway's gRPC address and an API key: build.ps1 run prints both and writes the key to .data/dev-api-key.
var options = new VoiceHelperClientOptions
{
    Address = new Uri(Environment.GetEnvironmentVariable("VOICEHELPER_URL") ?? "http://127.0.0.1:8081"),
    ApiKey = Environment.GetEnvironmentVariable("VOICEHELPER_API_KEY") ?? File.ReadAllText(".data/dev-api-key").Trim(),
};
using var client = new VoiceHelperClient(options);

// A knowledge base with one page of the PostgreSQL manual, uploaded and indexed.
var path = args.Length > 0 ? args[0] : "/usr/share/doc/postgresql-doc-15/html/sql-vacuum.html";
if (!File.Exists(path))
{
    Console.Error.WriteLine($"'{path}' does not exist. Pass the path of a document to upload.");
    return 2;
}

var knowledgeBase = await client.Knowledge.CreateKnowledgeBaseAsync($"sample-{Guid.NewGuid():N}");
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

// A spoken question: 16 kHz 16-bit mono PCM (an AN4 recording from Debian's pocketsphinx-testdata, which has no
// header) sent in 20 ms frames as if it were being recorded. Server VAD finds the turn, and the session answers aloud.
await using (var voice = await client.Conversations.ConverseAsync(new ConverseOptions { KnowledgeBase = knowledgeBase.Name }))
{
    await voice.UpdateSessionAsync(new VoiceSettings { InputFormat = AudioFormat.Pcm16(16_000) });
    var speech = File.ReadAllBytes("/usr/share/pocketsphinx/test/data/goforward.raw");
    var sending = Task.Run(async () =>
    {
        // A second of silence after the speech lets server VAD hear the turn end.
        var audio = speech.Concat(new byte[32_000]).ToArray();
        for (var offset = 0; offset < audio.Length; offset += 640)
        {
            await voice.SendAudioAsync(audio.AsMemory(offset, Math.Min(640, audio.Length - offset)));
            await Task.Delay(20);
        }
    });

    var answerAudio = new MemoryStream();
    await foreach (var voiceEvent in voice.ReadEventsAsync())
    {
        if (voiceEvent is TranscriptionCompleted heard)
        {
            Console.WriteLine($"you said: {heard.Transcript}");
        }
        else if (voiceEvent is AnswerTextDelta text)
        {
            Console.Write(text.Delta);
        }
        else if (voiceEvent is AnswerAudioDelta audio)
        {
            // Play it, or keep it: 16-bit mono PCM in audio.Format, which is 24 kHz unless a session.update changed it.
            answerAudio.Write(audio.Audio.Span);
        }
        else if (voiceEvent is VoiceResponseDone done)
        {
            Console.WriteLine($"\n  spoken answer {done.Status}, {answerAudio.Length} bytes of audio, {done.Sources.Count} sources");
            break;
        }
    }

    await sending;
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
return 0;
