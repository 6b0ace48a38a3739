namespace VoiceHelper.Grains.Conversations;

/// <summary>Who produced a turn.</summary>
[GenerateSerializer, Alias("VoiceHelper.TurnRole")]
public enum TurnRole
{
    User = 0,
    Assistant = 1,
}
