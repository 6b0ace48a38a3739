namespace VoiceHelper.Grains.Knowledge;

/// <summary>An uploaded file: its name, media type, optional title and bytes.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.DocumentUpload")]
public sealed record DocumentUpload(
    [property: Id(0)] string FileName,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] string? Title,
    [property: Id(3)] byte[] Content);
