using System.Security.Cryptography;

namespace VoiceHelper.Inference.Models;

/// <summary>Checks that a model folder contains the expected files, byte for byte.</summary>
public static class ModelFolder
{
    /// <summary>
    /// Verifies that every file of <paramref name="files"/> exists in <paramref name="folder"/> and has the recorded SHA-256.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file's SHA-256 differs from the recorded one.</exception>
    public static void Verify(string folder, IEnumerable<ModelFile> files)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(files);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"Model folder '{folder}' does not exist. Build the project that references VoiceHelper.Inference, " +
                "which copies the model files to its output folder, or point the model folder setting at a copy of them.");
        }

        foreach (var file in files)
        {
            VerifyFile(Path.Combine(folder, file.Name), file.Sha256);
        }
    }

    /// <summary>Computes the SHA-256 of a file as lower-case hexadecimal.</summary>
    public static string ComputeSha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void VerifyFile(string path, string expectedSha256)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' is missing. Rebuild, or copy the model files into that folder.", path);
        }

        var actualSha256 = ComputeSha256(path);
        if (!string.Equals(actualSha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException(
                $"Model file '{path}' has SHA-256 {actualSha256}, but {expectedSha256} was expected. " +
                "The file is damaged or belongs to another model version: rebuild to extract it again.");
        }
    }
}
