using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoiceHelper.Knowledge.Answering.Internal;
using VoiceHelper.Knowledge.Logging;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// Rewrites follow-up questions with the model of the OpenAI-compatible answerer: the model reads the recent turns
/// and returns the last question rewritten to be understood on its own. When the model fails or replies with
/// something that is not a question, the deterministic <see cref="FollowUpRewriter"/> result is used, so retrieval
/// still runs.
/// </summary>
public sealed class ModelQuestionRewriter : IQuestionRewriter, IDisposable
{
    /// <summary>The most characters of one earlier turn that the model reads; longer answers are cut.</summary>
    public const int MaxTurnCharacters = 600;

    private const string Instructions =
        "You rewrite the last question of a conversation as one standalone question for a document search. " +
        "Replace words such as 'it', 'that' and 'them' with what they refer to in the conversation, and keep the " +
        "question's language and meaning. Reply with the rewritten question only, without quotes or explanation. " +
        "If the question already stands alone, reply with it unchanged.";

    private readonly IChatClient _client;
    private readonly OpenAIAnswererOptions _options;
    private readonly IQuestionRewriter _fallback;
    private readonly ILogger _logger;
    private readonly ChatOptions _chatOptions;

    /// <summary>Creates a rewriter that calls the model of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is invalid.</exception>
    public ModelQuestionRewriter(
        OpenAIAnswererOptions options, IQuestionRewriter fallback, ILogger<ModelQuestionRewriter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fallback);
        var problems = AnswererOptionsValidator.FindProblems(options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The OpenAI answerer options are invalid: {string.Join(" ", problems)}", nameof(options));
        }

        _options = options;
        _fallback = fallback;
        _logger = logger ?? NullLogger<ModelQuestionRewriter>.Instance;
        _chatOptions = new ChatOptions { MaxOutputTokens = 200, Temperature = 0 };
        _client = OpenAIChatClientFactory.Create(options);
    }

    /// <inheritdoc />
    public async Task<string> RewriteAsync(
        string question, IReadOnlyList<ConversationTurnText> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(history);
        if (!history.Any(turn => turn.FromUser))
        {
            return question;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        string reply;
        try
        {
            var response = await _client.GetResponseAsync(Prompt(question, history), _chatOptions, timeout.Token)
                .ConfigureAwait(false);
            reply = response.Text ?? string.Empty;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && AnswerModelErrors.Translate(exception, _options) is { } failure)
        {
            KnowledgeLog.RewriteModelFailed(_logger, _options.Model!, failure.Failure, failure);
            return await _fallback.RewriteAsync(question, history, cancellationToken).ConfigureAwait(false);
        }

        var rewritten = Clean(reply);
        if (rewritten.Length == 0 || rewritten.Length > question.Length * 4 + 300)
        {
            KnowledgeLog.RewriteReplyRejected(_logger, _options.Model!, reply.Length);
            return await _fallback.RewriteAsync(question, history, cancellationToken).ConfigureAwait(false);
        }

        return rewritten;
    }

    public void Dispose() => _client.Dispose();

    private static List<ChatMessage> Prompt(string question, IReadOnlyList<ConversationTurnText> history)
    {
        var conversation = new StringBuilder("Conversation:\n");
        foreach (var turn in history)
        {
            var text = turn.Text.Length <= MaxTurnCharacters ? turn.Text : turn.Text[..MaxTurnCharacters] + "...";
            conversation.Append(turn.FromUser ? "User: " : "Assistant: ").AppendLine(text.ReplaceLineEndings(" "));
        }

        conversation.AppendLine().Append("Last question: ").Append(question);
        return [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, conversation.ToString())];
    }

    // Models often wrap the question in quotes or put a label before it.
    private static string Clean(string reply)
    {
        var text = reply.Trim();
        foreach (var label in new[] { "Rewritten question:", "Standalone question:", "Question:" })
        {
            if (text.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                text = text[label.Length..].Trim();
            }
        }

        return text.Trim('"', '\'', '`', '\u201C', '\u201D').Trim();
    }
}
