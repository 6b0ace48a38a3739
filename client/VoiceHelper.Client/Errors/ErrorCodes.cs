namespace VoiceHelper.Client;

/// <summary>
/// Stable error codes that the gateway sends in <see cref="VoiceHelperException.ErrorCode"/>. The list is not
/// closed: newer gateways may send codes that are not named here.
/// </summary>
public static class ErrorCodes
{
    /// <summary>A request field is invalid; <see cref="VoiceHelperException.FieldViolations"/> names it.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>An upload is larger than the gateway accepts (50 MiB by default).</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>An upload's file name extension names no supported document type.</summary>
    public const string DocumentTypeUnsupported = "document_type_unsupported";

    /// <summary>The call sent no API key.</summary>
    public const string MissingApiKey = "missing_api_key";

    /// <summary>The API key is unknown or revoked.</summary>
    public const string InvalidApiKey = "invalid_api_key";

    /// <summary>The API key may not make the call.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The tenant has no knowledge base with the id.</summary>
    public const string KnowledgeBaseNotFound = "knowledge_base_not_found";

    /// <summary>The tenant has no knowledge base with the id or name that a voice session named as its model.</summary>
    public const string ModelNotFound = "model_not_found";

    /// <summary>The knowledge base has no document with the id.</summary>
    public const string DocumentNotFound = "document_not_found";

    /// <summary>The tenant has no conversation with the id.</summary>
    public const string ConversationNotFound = "conversation_not_found";

    /// <summary>The conversation has no response with the id.</summary>
    public const string ResponseNotFound = "response_not_found";

    /// <summary>The tenant has no API key with the id.</summary>
    public const string ApiKeyNotFound = "api_key_not_found";

    /// <summary>The tenant already has a knowledge base with the name.</summary>
    public const string KnowledgeBaseNameTaken = "knowledge_base_name_taken";

    /// <summary>The conversation has no knowledge base to answer from; set one with an update first.</summary>
    public const string KnowledgeBaseRequired = "knowledge_base_required";

    /// <summary>A chat idempotency key was stored before with a different message text.</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>A concurrent change conflicted with the call; a retry can succeed.</summary>
    public const string Conflict = "conflict";

    /// <summary>The Orleans cluster was unavailable; nothing was done.</summary>
    public const string ClusterUnavailable = "cluster_unavailable";

    /// <summary>PostgreSQL was unavailable; nothing was done.</summary>
    public const string StorageUnavailable = "storage_unavailable";

    /// <summary>The answer model behind the cluster was unavailable; a retry can succeed.</summary>
    public const string AnswerModelUnavailable = "answer_model_unavailable";

    /// <summary>The answer model rejected the request, which only an operator can fix.</summary>
    public const string AnswerModelFailed = "answer_model_failed";

    /// <summary>A call inside the cluster timed out; the outcome is unknown.</summary>
    public const string Timeout = "timeout";

    /// <summary>The gateway failed; quote <see cref="VoiceHelperException.TraceId"/> when reporting it.</summary>
    public const string InternalError = "internal_error";
}
