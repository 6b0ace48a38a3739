namespace VoiceHelper.Deployment.Tests.Infrastructure;

/// <summary>The output of a finished process.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);
