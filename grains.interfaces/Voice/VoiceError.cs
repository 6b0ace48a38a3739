namespace VoiceHelper.Grains.Voice;

/// <summary>
/// A problem with one client event, reported as an <c>error</c> event; the session stays usable.
/// </summary>
/// <param name="Code">A stable code such as <c>invalid_audio</c>.</param>
/// <param name="Message">What was wrong, with the value, and what to send instead.</param>
/// <param name="Param">The field at fault, such as <c>audio</c>, or null.</param>
/// <param name="ClientEventId">The <c>event_id</c> of the client event, when it had one.</param>
/// <param name="Type">The OpenAI error type: <c>invalid_request_error</c> or <c>server_error</c>.</param>
[GenerateSerializer, Immutable, Alias("VoiceHelper.VoiceError")]
public sealed record VoiceError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Param = null,
    [property: Id(3)] string? ClientEventId = null,
    [property: Id(4)] string Type = VoiceError.InvalidRequest)
{
    /// <summary>The type of errors in what the client sent.</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>The type of errors of the service or its engines.</summary>
    public const string ServerError = "server_error";
}
