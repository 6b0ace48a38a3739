namespace VoiceHelper.Knowledge.Index;

/// <summary>Checks <see cref="UsearchIndexOptions"/> before an index is created.</summary>
public static class UsearchIndexOptionsValidator
{
    /// <summary>The largest accepted <see cref="UsearchIndexOptions.Dimensions"/>.</summary>
    public const int MaxDimensions = 4096;

    /// <summary>Throws one exception that names every invalid setting, its value and the allowed range.</summary>
    /// <exception cref="ArgumentException">A setting is out of its range.</exception>
    public static void Validate(UsearchIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var problems = new List<string>();
        CheckRange(problems, nameof(options.Dimensions), options.Dimensions, 1, MaxDimensions);
        CheckRange(problems, nameof(options.Connectivity), options.Connectivity, 2, 128);
        CheckRange(problems, nameof(options.ExpansionAdd), options.ExpansionAdd, 1, 4096);
        CheckRange(problems, nameof(options.ExpansionSearch), options.ExpansionSearch, 1, 4096);
        CheckRange(problems, nameof(options.InitialCapacity), options.InitialCapacity, 1, 1_000_000_000);
        CheckRange(problems, nameof(options.MaxConcurrentOperations), options.MaxConcurrentOperations, 1, 1024);
        if (!Enum.IsDefined(options.ScalarKind))
        {
            problems.Add($"ScalarKind is {(int)options.ScalarKind}, which is not a {nameof(UsearchScalarKind)} value.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The USearch index options are invalid: {string.Join(" ", problems)}", nameof(options));
        }
    }

    private static void CheckRange(List<string> problems, string name, int value, int minimum, int maximum)
    {
        if (value < minimum || value > maximum)
        {
            problems.Add($"{name} is {value}, but must be between {minimum} and {maximum}.");
        }
    }
}
