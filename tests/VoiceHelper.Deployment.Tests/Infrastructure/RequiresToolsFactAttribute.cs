namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>
/// A fact that is skipped, with a message that names what to install, when a program that it runs is not on PATH.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools)
    {
        Skip = RequiredTools.SkipReason(tools);
    }
}
