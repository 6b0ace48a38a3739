using VoiceHelper.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VoiceHelper.Integration.Tests.Operations;

/// <summary>
/// Checks the disaster drill of <see cref="DisasterDrillFixture"/>: after losing the PostgreSQL data folder and
/// restoring the backup, the same questions find the same sources and every acknowledged turn is back. Also checks
/// that restore rejects a corrupted backup and a database that is not empty, and that verify-backup passes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DisasterRecoveryTests(DisasterDrillFixture drill, ITestOutputHelper output) : IClassFixture<DisasterDrillFixture>
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void Restore_SearchSources_Unchanged()
    {
        foreach (var question in DisasterDrillFixture.Questions)
        {
            Assert.NotEmpty(drill.SearchBefore[question]);
            Assert.Equal(drill.SearchBefore[question], drill.SearchAfter[question]);
        }
    }

    [Fact]
    public void Restore_AskSources_Unchanged()
    {
        foreach (var question in DisasterDrillFixture.Questions)
        {
            Assert.Equal(drill.AskBefore[question], drill.AskAfter[question]);
        }
    }

    [Fact]
    public void Restore_AcknowledgedTurns_AllBack()
    {
        foreach (var conversationId in drill.ConversationIds)
        {
            // Two questions, each with its answer.
            Assert.Equal(4, drill.TurnsAcknowledged[conversationId].Count);
            Assert.Equal(drill.TurnsAcknowledged[conversationId], drill.TurnsAfter[conversationId]);
        }
    }

    [Fact]
    public void Restore_IndexShards_Reported()
    {
        Assert.Contains("Index shards: 1 knowledge bases", drill.RestoreOutput, StringComparison.Ordinal);
        Assert.Contains("All ", drill.RestoreOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Recovery_Time_Reported()
    {
        output.WriteLine($"Backup size: {drill.BackupBytes / 1024.0:N0} KiB of {DisasterDrillFixture.Pages.Length} documents");
        output.WriteLine($"build.ps1 restore: {drill.RestoreTime.TotalSeconds:N1} s");
        output.WriteLine($"Silo and gateway start until ready: {drill.RestartTime.TotalSeconds:N1} s");

        Assert.True(drill.RestoreTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task Restore_OneChangedByte_Rejected()
    {
        var corrupted = CopyBackup("corrupted");
        var dump = Path.Combine(corrupted, "database.dump");
        var bytes = await File.ReadAllBytesAsync(dump);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(dump, bytes);

        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            "restore", corrupted, "-Postgres", drill.Server.ConnectionString("voicehelper_corrupted"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is corrupted: database.dump has", result.Output, StringComparison.Ordinal);
        Assert.False(await drill.Server.DatabaseExistsAsync("voicehelper_corrupted"));
    }

    [Fact]
    public async Task Restore_ChangedManifest_Rejected()
    {
        var corrupted = CopyBackup("manifest");
        var manifest = Path.Combine(corrupted, "manifest.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"rows\": 1,", "\"rows\": 2,"));

        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            "restore", corrupted, "-Postgres", drill.Server.ConnectionString("voicehelper_manifest"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is corrupted: manifest.json has SHA-256", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_DatabaseWithTables_Rejected()
    {
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            "restore", drill.BackupFolder, "-Postgres", drill.ConnectionString);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"The database {DisasterDrillFixture.Database} on 127.0.0.1:{drill.Server.Port} is not empty", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyBackup_Backup_PassesAndDropsScratchDatabase()
    {
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout,
            "verify-backup", drill.BackupFolder, "-Postgres", drill.ConnectionString);

        Assert.True(result.ExitCode == 0, result.Text);
        Assert.Contains("verified", result.Output, StringComparison.Ordinal);
        Assert.Empty(await drill.Server.DatabasesStartingWithAsync($"{DisasterDrillFixture.Database}_verify_"));
    }

    private string CopyBackup(string name)
    {
        var target = drill.NewFolder(name);
        foreach (var file in Directory.EnumerateFiles(drill.BackupFolder, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(drill.BackupFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
