namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>Reads values out of the plain objects that <see cref="YamlDocuments"/> returns.</summary>
internal static class YamlPath
{
    /// <summary>Returns the value at a path of mapping keys, or null when a key is missing.</summary>
    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not Dictionary<object, object?> mapping || !mapping.TryGetValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Returns the mapping at a path, or an empty one.</summary>
    public static Dictionary<object, object?> MappingAt(this object? node, params string[] path) =>
        node.At(path) as Dictionary<object, object?> ?? [];

    /// <summary>Returns the sequence at a path, or an empty one.</summary>
    public static List<object?> SequenceAt(this object? node, params string[] path) =>
        node.At(path) as List<object?> ?? [];

    /// <summary>Returns the scalar at a path as a string, or null.</summary>
    public static string? TextAt(this object? node, params string[] path) => node.At(path) as string;
}
