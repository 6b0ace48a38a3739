using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Knowledge.Answering.Internal;
using VoiceHelper.Knowledge.Logging;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// Writes answers with a model behind an OpenAI-compatible chat completions endpoint. The model gets the passages
/// numbered from 1 and must cite them as <c>[n]</c>. The answer's sources are the passages it cited, in the order of
/// first citation, each quoting the passage's sentences that share the most words with the sentences citing it.
/// </summary>
/// <remarks>
/// The answer text has the citation markers removed, as the extractive answerer's text has none: a voice reads it
/// aloud, and the sources carry the citations. The answer is not answered, with no sources, when the model replies
/// with <see cref="AnswerPrompt.NoAnswerSignal"/> or cites no passage in range; citations of numbers outside the
/// passages are ignored. A failure of the server, or no reply within the timeout, throws
/// <see cref="AnswerModelException"/>. <see cref="StreamAnswerAsync"/> requests a streamed reply and releases the
/// answer a sentence at a time, once the reply has cited a passage.
/// </remarks>
public sealed class OpenAIAnswerer : IStreamingAnswerGenerator, IDisposable
{
    private readonly IChatClient _client;
    private readonly OpenAIAnswererOptions _options;
    private readonly string _noAnswerText;
    private readonly ILogger _logger;
    private readonly ChatOptions _chatOptions;

    /// <summary>Creates an answerer that sends requests to the endpoint of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is invalid.</exception>
    public OpenAIAnswerer(OpenAIAnswererOptions options, string noAnswerText, ILogger<OpenAIAnswerer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(noAnswerText);
        var problems = AnswererOptionsValidator.FindProblems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The OpenAI answerer options are invalid: {string.Join(" ", problems)}", nameof(options));
        }

        _options = options;
        _noAnswerText = noAnswerText;
        _logger = logger ?? NullLogger<OpenAIAnswerer>.Instance;
        _chatOptions = new ChatOptions { MaxOutputTokens = options.MaxOutputTokens, Temperature = options.Temperature };
        _client = OpenAIChatClientFactory.Create(options);
        KnowledgeLog.AnswererStarted(
            _logger, options.Model!, options.Endpoint!, options.Timeout, options.MaxRetries, options.MaxOutputTokens);
    }

    public async Task<GroundedAnswer> AnswerAsync(
        string question, IReadOnlyList<AnswerPassage> passages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentNullException.ThrowIfNull(passages);
        if (passages.Count == 0)
        {
            return NoAnswer();
        }

        var stopwatch = Stopwatch.StartNew();
        var reply = await CompleteAsync(AnswerPrompt.Build(question, passages), stopwatch, cancellationToken)
            .ConfigureAwait(false);
        var answer = Ground(ReplyParser.Parse(reply, passages.Count), passages);
        if (answer.Answered)
        {
            KnowledgeLog.AnswerGenerated(
                _logger, _options.Model!, stopwatch.ElapsedMilliseconds, answer.Sources.Count, passages.Count);
        }

        return answer;
    }

    public async IAsyncEnumerable<AnswerUpdate> StreamAnswerAsync(
        string question, IReadOnlyList<AnswerPassage> passages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        ArgumentNullException.ThrowIfNull(passages);
        if (passages.Count == 0)
        {
            var none = NoAnswer();
            yield return new AnswerUpdate(none.Text, null);
            yield return new AnswerUpdate(null, none);
            yield break;
        }

        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var reply = new StreamedReply(passages.Count);
        var updates = _client.GetStreamingResponseAsync(AnswerPrompt.Build(question, passages), _chatOptions, timeout.Token);
        await using (var pieces = updates.GetAsyncEnumerator(timeout.Token))
        {
            while (await MoveNextAsync(pieces, stopwatch, cancellationToken).ConfigureAwait(false))
            {
                if (reply.Append(pieces.Current.Text) is { Length: > 0 } released)
                {
                    yield return new AnswerUpdate(released, null);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(reply.Raw))
        {
            throw LogFailure(AnswerModelErrors.InvalidReply(_options, "a stream without text"), stopwatch);
        }

        var answer = Ground(ReplyParser.Parse(reply.Raw, passages.Count), passages);
        if (answer.Answered)
        {
            KnowledgeLog.AnswerGenerated(
                _logger, _options.Model!, stopwatch.ElapsedMilliseconds, answer.Sources.Count, passages.Count);
        }

        if (reply.Finish(answer) is { Length: > 0 } rest)
        {
            yield return new AnswerUpdate(rest, null);
        }

        yield return new AnswerUpdate(null, answer);
    }

    public void Dispose() => _client.Dispose();

    // An iterator cannot yield inside a try block that has a catch clause, so each step of the stream is read here.
    private async Task<bool> MoveNextAsync(
        IAsyncEnumerator<ChatResponseUpdate> pieces, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        try
        {
            return await pieces.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && (exception as AnswerModelException ?? AnswerModelErrors.Translate(exception, _options)) is { } failure)
        {
            throw LogFailure(failure, stopwatch);
        }
    }

    private async Task<string> CompleteAsync(
        List<ChatMessage> messages, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var response = await _client.GetResponseAsync(messages, _chatOptions, timeout.Token).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(response.Text)
                ? throw AnswerModelErrors.InvalidReply(_options, "no text")
                : response.Text;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && (exception as AnswerModelException ?? AnswerModelErrors.Translate(exception, _options)) is { } failure)
        {
            throw LogFailure(failure, stopwatch);
        }
    }

    // The translated exception is logged because its message names the setting to check. The client library's
    // exception is its inner exception.
    private AnswerModelException LogFailure(AnswerModelException failure, Stopwatch stopwatch)
    {
        var status = failure.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
        KnowledgeLog.AnswerModelFailed(_logger, _options.Model!, _options.Endpoint!, stopwatch.ElapsedMilliseconds,
            failure.Failure, status, failure);
        return failure;
    }

    private GroundedAnswer Ground(ModelReply reply, IReadOnlyList<AnswerPassage> passages)
    {
        if (reply.Declined)
        {
            KnowledgeLog.AnswerDeclined(_logger, _options.Model!, passages.Count);
            return NoAnswer();
        }

        if (reply.OutOfRangeNumbers.Count > 0)
        {
            var numbers = string.Join(", ", reply.OutOfRangeNumbers);
            KnowledgeLog.CitationsOutOfRange(_logger, _options.Model!, numbers, passages.Count);
        }

        if (reply.CitedPassages.Count == 0)
        {
            KnowledgeLog.AnswerUncited(_logger, _options.Model!, passages.Count);
            return NoAnswer();
        }

        var sources = reply.CitedPassages
            .Select(index => PassageQuotes.Cite(
                passages[index], QuoteSelector.Select(passages[index].Text, reply.ClaimsByPassage[index])))
            .ToList();
        return new GroundedAnswer(reply.Text, true, sources);
    }

    private GroundedAnswer NoAnswer() => new(_noAnswerText, false, []);
}
