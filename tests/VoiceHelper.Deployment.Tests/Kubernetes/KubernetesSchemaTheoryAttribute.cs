namespace VoiceHelper.Deployment.Tests.Kubernetes;

/// <summary>A theory that is skipped like <see cref="KubernetesSchemaFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KubernetesSchemaTheoryAttribute : TheoryAttribute
{
    public KubernetesSchemaTheoryAttribute()
    {
        Skip = KubernetesSchemaFactAttribute.SkipReason();
    }
}
