using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Speech.Audio;
using VoiceHelper.Speech.Internal;
using VoiceHelper.Speech.Logging;

namespace VoiceHelper.Speech.Synthesis;

/// <summary>
/// Synthesis by a server that implements OpenAI's <c>POST /audio/speech</c>, asked for <c>response_format=pcm</c>:
/// raw 24 kHz mono 16-bit little-endian samples, read and returned as they arrive.
/// </summary>
public sealed class OpenAISpeechSynthesizer : ISpeechSynthesizer
{
    /// <summary>The configuration section of the options.</summary>
    public const string SectionName = "Speech:Synthesis:OpenAI";

    /// <summary>The sample rate of OpenAI's <c>pcm</c> response format.</summary>
    public const int SampleRate = 24_000;

    private const string DefaultVoice = "alloy";
    private const int ChunkBytes = 9_600;

    private readonly OpenAIEndpointOptions _options;
    private readonly OpenAIAudioClient _client;

    /// <summary>Creates the client; <paramref name="http"/> is used as is and not disposed.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message lists each.</exception>
    public OpenAISpeechSynthesizer(HttpClient http, OpenAIEndpointOptions options, ILogger<OpenAISpeechSynthesizer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate(SectionName);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _client = new OpenAIAudioClient(http, options, logger ?? NullLogger<OpenAISpeechSynthesizer>.Instance,
            SpeechLog.SpeechRetried, SpeechLog.SpeechServerFailed);
    }

    /// <inheritdoc/>
    public string Name => "openai";

    /// <inheritdoc/>
    public async IAsyncEnumerable<AudioClip> SynthesizeAsync(
        SynthesisRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var body = new Dictionary<string, object>
        {
            ["model"] = _options.Model!,
            ["input"] = request.Text,
            ["voice"] = string.IsNullOrWhiteSpace(request.Voice) ? DefaultVoice : request.Voice,
            ["response_format"] = "pcm",
            ["speed"] = request.Speed,
        };
        using var response = await _client.SendAsync("audio/speech", () => JsonContent.Create(body), cancellationToken)
            .ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[ChunkBytes + 1];
        var pendingBytes = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(pendingBytes, ChunkBytes), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            pendingBytes += read;
            // A chunk may end inside a sample; its odd byte waits for the next read.
            var whole = pendingBytes & ~1;
            if (whole == 0)
            {
                continue;
            }

            yield return new AudioClip(Pcm16.FromBytes(buffer.AsSpan(0, whole)), SampleRate);
            buffer[0] = buffer[whole];
            pendingBytes -= whole;
        }
    }
}
