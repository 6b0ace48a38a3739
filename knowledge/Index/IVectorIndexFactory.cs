namespace VoiceHelper.Knowledge.Index;

/// <summary>Creates empty vector indexes with the configured implementation and settings.</summary>
public interface IVectorIndexFactory
{
    /// <summary>Returns a new, empty index that the caller owns and disposes.</summary>
    IVectorIndex Create();
}
