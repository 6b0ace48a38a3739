namespace VoiceHelper.Grains.Knowledge;

/// <summary>The tenant already has a knowledge base with the name. Retrying cannot succeed.</summary>
[GenerateSerializer, Alias("VoiceHelper.KnowledgeBaseNameTakenException")]
public sealed class KnowledgeBaseNameTakenException : Exception
{
    public KnowledgeBaseNameTakenException(string name)
        : base($"A knowledge base named '{name}' already exists. Choose another name or use the existing one.")
    {
        Name = name;
    }

    [Id(0)]
    public string Name { get; }
}
