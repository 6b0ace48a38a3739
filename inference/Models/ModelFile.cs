namespace VoiceHelper.Inference.Models;

/// <summary>A file of a model folder and the SHA-256 of its expected content.</summary>
/// <param name="Name">File name inside the model folder.</param>
/// <param name="Sha256">SHA-256 of the file as lower-case hexadecimal.</param>
public sealed record ModelFile(string Name, string Sha256);
