namespace VoiceHelper.Gateway.Conversations;

/// <summary>Size limits of conversation requests.</summary>
public static class ConversationLimits
{
    /// <summary>The longest message text, in UTF-16 code units.</summary>
    public const int MaxMessageLength = 8_000;

    /// <summary>The longest conversation title, in UTF-16 code units.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The page size of message history when <c>limit</c> is not given.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page of message history.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The longest language tag: RFC 5646, section 4.4.1, recommends accepting at least 35 characters.</summary>
    public const int MaxLanguageLength = 35;

    /// <summary>The longest voice name, in UTF-16 code units.</summary>
    public const int MaxVoiceLength = 64;

    /// <summary>The longest idempotency key (the <c>Idempotency-Key</c> header in REST), in characters.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>The page size of the conversation list when <c>limit</c> is not given.</summary>
    public const int DefaultListSize = 20;

    /// <summary>The largest page of the conversation list.</summary>
    public const int MaxListSize = 100;
}
