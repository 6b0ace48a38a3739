using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Docker;

/// <summary>
/// A Dockerfile split into instructions. It handles what the repository's Dockerfiles use: comments,
/// parser directives, backslash continuations and <c>FROM ... AS name</c> stages; heredocs are not supported.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(string relativePath, IReadOnlyList<DockerInstruction> instructions)
    {
        RelativePath = relativePath;
        Instructions = instructions;
    }

    public string RelativePath { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The FROM instructions, one per stage, in order.</summary>
    public IReadOnlyList<DockerInstruction> Stages => Instructions.Where(item => item.Keyword == "FROM").ToList();

    /// <summary>The index of the last stage, which is the image that <c>docker build</c> produces.</summary>
    public int FinalStage => Stages.Count - 1;

    /// <summary>The stage names given with <c>AS</c>, by stage index.</summary>
    public IReadOnlyDictionary<int, string> StageNames =>
        Stages.Select(from => from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select((words, index) => (words, index))
            .Where(item => item.words.Length == 3 && item.words[1].Equals("AS", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(item => item.index, item => item.words[2]);

    /// <summary>Returns the instructions of one keyword.</summary>
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(item => item.Keyword == keyword);

    /// <summary>Returns the default value of a build argument declared with <c>ARG NAME=VALUE</c>.</summary>
    public string? ArgumentDefault(string name) =>
        All("ARG").Select(item => item.Arguments.Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0] == name)
            .Select(parts => parts[1])
            .FirstOrDefault();

    /// <summary>Returns the variable names that <c>ENV NAME=VALUE ...</c> instructions set.</summary>
    public IEnumerable<string> EnvironmentNames =>
        All("ENV").SelectMany(item => item.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.Contains('='))
            .Select(word => word.Split('=')[0]);

    public static Dockerfile Load(string relativePath) =>
        new(relativePath, Parse(RepositoryFiles.ReadText(relativePath)));

    private static List<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var logical = (pending + line).Trim();
            pending = "";
            if (logical.Length == 0)
            {
                continue;
            }

            var parts = logical.Split(' ', 2);
            var keyword = parts[0].ToUpperInvariant();
            stage += keyword == "FROM" ? 1 : 0;
            instructions.Add(new DockerInstruction(keyword, parts.Length > 1 ? parts[1].Trim() : "", stage));
        }

        return instructions;
    }
}
