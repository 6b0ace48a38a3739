namespace VoiceHelper.Grains.Knowledge;

/// <summary>The knowledge bases of one tenant, keyed by the tenant id.</summary>
[Alias("VoiceHelper.ITenantKnowledgeGrain")]
public interface ITenantKnowledgeGrain : IGrainWithGuidKey
{
    /// <summary>Returns the tenant's knowledge bases, oldest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync();
}
