using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using VoiceHelper.Deployment.Tests.Infrastructure;
using VoiceHelper.Hosting;

namespace VoiceHelper.Deployment.Tests.Configuration;

/// <summary>
/// The configuration keys that the silo and the gateway read, derived from the code in three ways: the
/// properties of every options class that declares a <c>SectionName</c> constant (found by reflection over the
/// VoiceHelper assemblies that the two processes load, nested settings classes included), the names in
/// <see cref="ConnectionStringNames"/>, and the literal keys of <c>Configuration["..."]</c> reads in the source.
/// </summary>
/// <remarks>
/// NOTE: a key read in another way (a <c>GetValue</c> call, or a section bound from a string that is not a
/// <c>SectionName</c> constant) is missed, and a test that checks an environment variable against it fails.
/// Such a key belongs in an options class.
/// </remarks>
internal static partial class KnownConfigurationKeys
{
    private static readonly string[] SourceFolders =
        ["silo", "gateway", "hosting", "grains", "grains.interfaces", "knowledge", "inference", "speech"];

    private static readonly Lazy<IReadOnlySet<string>> LazyKeys = new(Collect);

    /// <summary>The keys, with ':' separators, compared without regard to case as .NET configuration does.</summary>
    public static IReadOnlySet<string> All => LazyKeys.Value;

    /// <summary>Returns whether configuration has a key of this name, such as <c>Orleans:ClusterId</c>.</summary>
    public static bool Contains(string key) => All.Contains(key);

    private static HashSet<string> Collect()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in VoiceHelperAssemblies().SelectMany(assembly => assembly.GetTypes()))
        {
            if (SectionNameOf(type) is { } section)
            {
                AddProperties(keys, section, type, depth: 0);
            }
        }

        foreach (var name in ConstantsOf(typeof(ConnectionStringNames)))
        {
            keys.Add($"ConnectionStrings:{name}");
        }

        keys.UnionWith(DirectReads());
        return keys;
    }

    private static IEnumerable<Assembly> VoiceHelperAssemblies()
    {
        var found = new Dictionary<string, Assembly>();
        var pending = new Queue<Assembly>([typeof(SiloHostOptions).Assembly, typeof(Gateway.Hosting.GatewayOptions).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("VoiceHelper.", StringComparison.Ordinal) && !found.ContainsKey(reference.Name))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return found.Values;
    }

    private static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    // The configuration binder sets public properties with a public setter, and fills nested objects through
    // their getter, which is how settings classes such as OnnxSessionOptions get their keys.
    private static void AddProperties(HashSet<string> keys, string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            if (IsSettingsClass(property.PropertyType) && depth < 4)
            {
                AddProperties(keys, key, property.PropertyType, depth + 1);
            }
            else if (property.SetMethod?.IsPublic == true)
            {
                keys.Add(key);
            }
        }
    }

    private static bool IsSettingsClass(Type type) =>
        type.IsClass
        && type != typeof(string)
        && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("VoiceHelper.", StringComparison.Ordinal) == true;

    private static IEnumerable<string> DirectReads()
    {
        foreach (var folder in SourceFolders)
        {
            var path = RepositoryFiles.PathOf(folder);
            var files = Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            foreach (var file in files)
            {
                foreach (Match match in IndexerRead().Matches(File.ReadAllText(file)))
                {
                    yield return match.Groups["key"].Value;
                }
            }
        }
    }

    [GeneratedRegex("""Configuration\["(?<key>[^"]+)"\]""")]
    private static partial Regex IndexerRead();
}
