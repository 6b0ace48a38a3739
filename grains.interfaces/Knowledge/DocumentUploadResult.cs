namespace VoiceHelper.Grains.Knowledge;

/// <summary>The stored document, and whether the upload created it or found the same bytes already stored.</summary>
[GenerateSerializer, Immutable, Alias("VoiceHelper.DocumentUploadResult")]
public sealed record DocumentUploadResult(
    [property: Id(0)] DocumentInfo Document,
    [property: Id(1)] bool Created);
