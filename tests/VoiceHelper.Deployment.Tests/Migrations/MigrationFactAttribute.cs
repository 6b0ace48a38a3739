using VoiceHelper.Deployment.Tests.Infrastructure;

namespace VoiceHelper.Deployment.Tests.Migrations;

/// <summary>
/// A fact that needs the test PostgreSQL of <c>build.ps1 test</c> (named in <c>VOICEHELPER_TEST_POSTGRES</c>)
/// and psql; it is skipped with a message when either is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class MigrationFactAttribute : FactAttribute
{
    public MigrationFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VOICEHELPER_TEST_POSTGRES")))
        {
            Skip = "VOICEHELPER_TEST_POSTGRES is not set. Run the tests with 'dotnet pwsh ./build.ps1 test', which starts PostgreSQL.";
        }
        else
        {
            Skip = RequiredTools.SkipReason(["psql", "pg_isready"]);
        }
    }
}
