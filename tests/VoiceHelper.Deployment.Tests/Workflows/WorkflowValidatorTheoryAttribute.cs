namespace VoiceHelper.Deployment.Tests.Workflows;

/// <summary>A theory that is skipped like <see cref="WorkflowValidatorFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WorkflowValidatorTheoryAttribute : TheoryAttribute
{
    public WorkflowValidatorTheoryAttribute()
    {
        Skip = WorkflowValidatorFactAttribute.SkipReason();
    }
}
