using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace VoiceHelper.Speech.Recognition.Internal;

/// <summary>
/// The ARPA files of the vocabularies that requests named, built once per vocabulary id in a temporary folder of
/// this process and deleted on dispose.
/// </summary>
/// <remarks>NOTE: files are kept for the life of the recognizer, so a process that gets many vocabulary ids keeps them all.</remarks>
internal sealed class VocabularyModels(string dictionaryPath) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"voicehelper-vocabulary-{Guid.NewGuid():N}");
    private readonly ConcurrentDictionary<string, Lazy<string?>> _paths = new();
    private readonly Lazy<HashSet<string>> _dictionaryWords = new(() => ReadDictionaryWords(dictionaryPath));

    /// <summary>Returns a search and file name for a vocabulary id: its SHA-256, so any id is safe in both.</summary>
    public static string KeyOf(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..32];

    /// <summary>
    /// Returns the ARPA file of <paramref name="vocabulary"/>, building it on first use, or null when its texts have
    /// no word of the dictionary.
    /// </summary>
    public string? GetPath(RecognitionVocabulary vocabulary)
    {
        var key = KeyOf(vocabulary.Id);
        return _paths.GetOrAdd(key, _ => new Lazy<string?>(() => Write(key, vocabulary))).Value;
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string? Write(string key, RecognitionVocabulary vocabulary)
    {
        var arpa = ArpaWriter.Build(vocabulary.Texts, _dictionaryWords.Value);
        if (arpa is null)
        {
            return null;
        }

        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, key + ".arpa");
        File.WriteAllText(path, arpa);
        return path;
    }

    // Dictionary lines are "word PHONES", with alternative pronunciations as "word(2) PHONES".
    private static HashSet<string> ReadDictionaryWords(string path) =>
        File.ReadLines(path)
            .Select(line => line.Split(' ', 2)[0])
            .Select(word => word.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? word[..open] : word)
            .ToHashSet(StringComparer.Ordinal);
}
