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

    [RequiresAwsCommandFact]
    public async Task Backup_S3Bucket_VerifiesFromBucket()
    {
        await using var bucket = await BackupBucket.StartAsync();

        var backup = await BackUpToBucketAsync(bucket, "verified");
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout, BackupBucket.AwsEnvironment,
            "verify-backup", $"s3://{BackupBucket.BucketName}/verified/{backup}", "-Postgres", drill.ConnectionString,
            "-S3Endpoint", bucket.Endpoint.ToString());

        Assert.True(result.ExitCode == 0, result.Text);
        Assert.Contains($"Backup {backup} verified", result.Output, StringComparison.Ordinal);
    }

    [RequiresAwsCommandFact]
    public async Task Backup_S3Bucket_KeepsNewestOnly()
    {
        await using var bucket = await BackupBucket.StartAsync();

        var first = await BackUpToBucketAsync(bucket, "kept");
        // Backups are named by the second; the second one must not take the first one's name.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var second = await BackUpToBucketAsync(bucket, "kept");
        var listing = await bucket.AwsAsync("s3", "ls", $"s3://{BackupBucket.BucketName}/kept/");

        Assert.Contains($"PRE {second}/", listing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(first, listing.Output, StringComparison.Ordinal);
    }

    [RequiresAwsCommandFact]
    public async Task Restore_S3ChangedObject_Rejected()
    {
        await using var bucket = await BackupBucket.StartAsync();
        var backup = await BackUpToBucketAsync(bucket, "changed");
        var changed = Path.Combine(drill.NewFolder("changed-object"), "tables.tsv");
        await File.WriteAllTextAsync(changed, "conversations\t0\t-\n");
        var upload = await bucket.AwsAsync("s3", "cp", changed, $"s3://{BackupBucket.BucketName}/changed/{backup}/tables.tsv");
        Assert.True(upload.ExitCode == 0, upload.Text);

        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout, BackupBucket.AwsEnvironment,
            "restore", $"s3://{BackupBucket.BucketName}/changed/{backup}", "-Postgres",
            drill.Server.ConnectionString("voicehelper_changed_object"), "-S3Endpoint", bucket.Endpoint.ToString());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is corrupted: tables.tsv has", result.Output, StringComparison.Ordinal);
        Assert.False(await drill.Server.DatabaseExistsAsync("voicehelper_changed_object"));
    }

    // Backs up the drill's database into the bucket under the prefix, keeping one backup there, and returns its name.
    private async Task<string> BackUpToBucketAsync(BackupBucket bucket, string prefix)
    {
        var result = await CommandRunner.RunBuildScriptAsync(ScriptTimeout, BackupBucket.AwsEnvironment,
            "backup", "-Postgres", drill.ConnectionString, "-Output", drill.NewFolder($"bucket-{prefix}"), "-Keep", "1",
            "-S3", $"s3://{BackupBucket.BucketName}/{prefix}", "-S3Endpoint", bucket.Endpoint.ToString());
        Assert.True(result.ExitCode == 0, $"build.ps1 backup failed: {result.Text}");

        var written = result.Output.Split('\n').Last(line => line.Contains("Backup written to", StringComparison.Ordinal));
        return Path.GetFileName(written.Trim());
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
