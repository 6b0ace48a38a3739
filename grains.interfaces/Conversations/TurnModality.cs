namespace VoiceHelper.Grains.Conversations;

/// <summary>How a turn reached the conversation.</summary>
[GenerateSerializer, Alias("VoiceHelper.TurnModality")]
public enum TurnModality
{
    Text = 0,
    Voice = 1,
}
