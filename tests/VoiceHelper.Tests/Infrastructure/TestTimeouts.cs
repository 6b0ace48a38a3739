namespace VoiceHelper.Tests.Infrastructure;

/// <summary>Upper bounds for awaited test steps, so a broken step fails with a message instead of hanging.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
}
