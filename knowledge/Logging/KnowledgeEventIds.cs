namespace VoiceHelper.Knowledge.Logging;

/// <summary>Event ids of the knowledge engines' log messages, in ranges per engine.</summary>
internal static class KnowledgeEventIds
{
    // 5000-5099: answer generation.
    public const int AnswererStarted = 5000;
    public const int AnswerModelFailed = 5001;
    public const int AnswerDeclined = 5002;
    public const int AnswerUncited = 5003;
    public const int CitationsOutOfRange = 5004;
    public const int AnswerGenerated = 5005;
    public const int RewriteModelFailed = 5010;
    public const int RewriteReplyRejected = 5011;
}
