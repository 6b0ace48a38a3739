namespace VoiceHelper.Deployment.Tests.Docker;

/// <summary>One instruction of a Dockerfile, with continuation lines joined, and the index of its stage.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);
