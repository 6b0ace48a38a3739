namespace VoiceHelper.Integration.Tests.Acceptance;

/// <summary>
/// A test that runs for many minutes over a whole real corpus, so it runs only when the environment variable
/// <c>VOICEHELPER_ACCEPTANCE</c> is <c>1</c>, as <c>build.ps1 acceptance</c> sets it, and is skipped otherwise.
/// </summary>
public sealed class AcceptanceFactAttribute : FactAttribute
{
    public const string Variable = "VOICEHELPER_ACCEPTANCE";

    public AcceptanceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Acceptance test: set {Variable}=1 or run 'dotnet pwsh ./build.ps1 acceptance' to run it.";
        }
    }
}
