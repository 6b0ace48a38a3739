using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>
/// Parses YAML into plain values: mappings become <see cref="Dictionary{TKey,TValue}"/> of object to object,
/// sequences <see cref="List{T}"/> of object, and scalars strings (or null). Merge keys (<c>&lt;&lt;</c>) are
/// resolved, as Docker Compose resolves them.
/// </summary>
internal static class YamlDocuments
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Returns every document of a YAML stream; empty documents are left out.</summary>
    public static IReadOnlyList<Dictionary<object, object?>> ParseAll(string yaml)
    {
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        var documents = new List<Dictionary<object, object?>>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (!parser.Accept<YamlDotNet.Core.Events.StreamEnd>(out _))
        {
            if (Deserializer.Deserialize(parser) is Dictionary<object, object?> document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    /// <summary>Returns the only document of a YAML text.</summary>
    public static Dictionary<object, object?> ParseOne(string yaml) =>
        ParseAll(yaml) is [var document]
            ? document
            : throw new InvalidDataException("Expected exactly one YAML document.");
}
