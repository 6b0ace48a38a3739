using System.Reflection;
using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Workflows;

/// <summary>
/// A fact that needs node and the npm package @action-validator/cli, which the test project's build installs with
/// npm ci. It is skipped, with a message that names what is missing, when either is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WorkflowValidatorFactAttribute : FactAttribute
{
    public WorkflowValidatorFactAttribute()
    {
        Skip = SkipReason();
    }

    /// <summary>The folder where the build installs @action-validator/cli.</summary>
    public static string Folder =>
        typeof(WorkflowValidatorFactAttribute).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "WorkflowValidatorFolder").Value!;

    /// <summary>The validator's command-line script.</summary>
    public static string Script => Path.Combine(Folder, "node_modules", "@action-validator", "cli", "cli.mjs");

    /// <summary>Returns why a validation test must be skipped, or null when node and the validator are there.</summary>
    public static string? SkipReason() =>
        RequiredTools.SkipReason(["node"])
        ?? (File.Exists(Script)
            ? null
            : $"The npm package @action-validator/cli is not installed in {Folder}. Build the test project " +
                "with npm on PATH and the npm registry reachable; its build runs npm ci there.");
}
