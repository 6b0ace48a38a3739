namespace VoiceHelper.Grains.Knowledge;

/// <summary>
/// The knowledge base could not answer because its answer model failed. <see cref="IsTransient"/> says whether
/// retrying the request can succeed. Otherwise an operator must fix the model's configuration or server. The message
/// is safe to show to callers because it names neither the model's address nor its key.
/// </summary>
[GenerateSerializer, Alias("VoiceHelper.AnswerUnavailableException")]
public sealed class AnswerUnavailableException : Exception
{
    public AnswerUnavailableException(string reason, bool isTransient)
        : base(isTransient
            ? $"The knowledge base cannot answer right now because {reason}. Retry in a few seconds."
            : $"The knowledge base cannot answer because {reason}. Retrying will not help until an operator fixes " +
              "the answer model's configuration. The silo log has the details.")
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether the failure is temporary, such as an unreachable or overloaded model server.</summary>
    [Id(0)]
    public bool IsTransient { get; }
}
