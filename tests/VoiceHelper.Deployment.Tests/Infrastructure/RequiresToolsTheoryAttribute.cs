namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>A theory that is skipped like <see cref="RequiresToolsFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequiresToolsTheoryAttribute : TheoryAttribute
{
    public RequiresToolsTheoryAttribute(params string[] tools)
    {
        Skip = RequiredTools.SkipReason(tools);
    }
}
