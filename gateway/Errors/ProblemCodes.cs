namespace VoiceHelper.Gateway.Errors;

/// <summary>
/// The stable <c>code</c> values of the gateway's problem details. Clients branch on these, so a code never
/// changes meaning once shipped.
/// </summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string InvalidJson = "invalid_json";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MissingApiKey = "missing_api_key";
    public const string InvalidApiKey = "invalid_api_key";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string ConversationNotFound = "conversation_not_found";
    public const string ConversationExists = "conversation_exists";
    public const string KnowledgeBaseRequired = "knowledge_base_required";
    public const string ResponseNotFound = "response_not_found";
    public const string ResponseFailed = "response_failed";
    public const string ResponseCancelled = "response_cancelled";
    public const string ModelNotFound = "model_not_found";
    public const string UnsupportedParameter = "unsupported_parameter";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string ApiKeyNotFound = "api_key_not_found";
    public const string KnowledgeBaseNotFound = "knowledge_base_not_found";
    public const string KnowledgeBaseNameTaken = "knowledge_base_name_taken";
    public const string DocumentNotFound = "document_not_found";
    public const string UnsupportedDocumentType = "document_type_unsupported";
    public const string Conflict = "conflict";
    public const string ClusterUnavailable = "cluster_unavailable";
    public const string StorageUnavailable = "storage_unavailable";
    public const string AnswerModelUnavailable = "answer_model_unavailable";
    public const string AnswerModelFailed = "answer_model_failed";
    public const string InferenceBusy = "inference_busy";
    public const string AcceleratorUnavailable = "accelerator_unavailable";
    public const string Timeout = "timeout";
    public const string BadRequest = "bad_request";
    public const string PayloadTooLarge = "payload_too_large";
    public const string InternalError = "internal_error";
    public const string InvalidAudio = "invalid_audio";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string UnsupportedAudioFormat = "unsupported_audio_format";
    public const string SpeechEngineUnavailable = "speech_engine_unavailable";
    public const string SpeechEngineFailed = "speech_engine_failed";
}
