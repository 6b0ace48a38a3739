using VoiceHelper.Knowledge.Answering;

namespace VoiceHelper.Knowledge.Tests.Answering;

/// <summary>Passages and settings shared by the answerer tests.</summary>
internal static class AnswerFixtures
{
    public const string Model = "test-model";
    public const string NoAnswerText = "Nothing in the documents answers that.";
    public const string Question = "Which index type helps with equality comparisons?";

    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static readonly AnswerPassage Vacuum = new(
        Guid.Parse("00000000-0000-0000-0000-000000000001"), "Routine Vacuuming", "Recovering Disk Space", 12,
        "Deleted rows stay in the table file until a vacuum pass marks their space as free. " +
        "Running VACUUM regularly keeps tables from growing without bound. " +
        "A plain VACUUM does not lock the table against reads or writes.",
        0.8);

    public static readonly AnswerPassage Indexes = new(
        Guid.Parse("00000000-0000-0000-0000-000000000002"), "Indexes", "Index Types", null,
        "A B-tree index is created when no index method is named. " +
        "Hash indexes only help with simple equality comparisons. " +
        "GIN indexes suit values that contain many elements, such as arrays.",
        0.7);

    public static readonly AnswerPassage Backups = new(
        Guid.Parse("00000000-0000-0000-0000-000000000003"), "Backups", "", 3,
        "A file system level backup needs the server to be shut down first. " +
        "The pg_dump tool writes a consistent snapshot while the database stays online.",
        0.5);

    public static readonly IReadOnlyList<AnswerPassage> Passages = [Vacuum, Indexes, Backups];

    public static OpenAIAnswererOptions Options(string endpoint) => new()
    {
        Endpoint = endpoint,
        Model = Model,
        Timeout = TimeSpan.FromSeconds(10),
        MaxRetries = 0,
    };
}
