namespace VoiceHelper.Deployment.Tests.Configuration;

/// <summary>An environment variable that a deployment file gives to a VoiceHelper container.</summary>
internal sealed record EnvironmentVariable(string Source, string Name);
