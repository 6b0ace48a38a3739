namespace VoiceHelper.Client;

/// <summary>A problem that a voice session reports in an <c>error</c> event or in a failed <c>response.done</c>.</summary>
/// <param name="Code">A stable code, such as <c>invalid_audio</c> or <c>input_audio_buffer_commit_empty</c>.</param>
/// <param name="Message">What went wrong and how to fix it.</param>
/// <param name="ErrorType">
/// <c>invalid_request_error</c> for a problem with what the client sent, <c>server_error</c> for a failure of the service.
/// </param>
/// <param name="Param">The field of the client event that is invalid, such as <c>audio</c>; null when none is.</param>
/// <param name="ClientEventId">
/// The id of the client event that caused the error, as the send methods of <see cref="VoiceSession"/> return it;
/// null for audio and for failures of the service.
/// </param>
public sealed record VoiceError(string Code, string Message, string ErrorType, string? Param, string? ClientEventId)
{
    /// <summary>Whether the error is a failure of the service rather than a problem with the client's input.</summary>
    public bool IsServerError => ErrorType == "server_error";
}
