namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// A fact that is skipped, with the package to install, when the aws command is missing. build.ps1 installs it as
/// an optional package when it runs as root, as CI does.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAwsCommandFactAttribute : FactAttribute
{
    public RequiresAwsCommandFactAttribute()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "aws")));
        if (!found)
        {
            Skip = "The aws command is missing; install it with 'sudo apt-get install -y awscli' to test S3 backups.";
        }
    }
}
