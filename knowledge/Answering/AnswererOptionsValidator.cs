using Microsoft.Extensions.Options;

namespace VoiceHelper.Knowledge.Answering;

/// <summary>
/// Checks <see cref="AnswererOptions"/> at start-up. Each message names the setting by its configuration key, its
/// value (never the API key's) and what to set instead.
/// </summary>
public sealed class AnswererOptionsValidator : IValidateOptions<AnswererOptions>
{
    private const string Section = AnswererOptions.SectionName;
    private const string OpenAISection = OpenAIAnswererOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AnswererOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var problems = new List<string>();
        if (!Enum.IsDefined(options.Kind))
        {
            problems.Add($"{Section}:Kind is '{options.Kind}', which is not an answerer. Use Extractive or OpenAI.");
        }

        if (string.IsNullOrWhiteSpace(options.NoAnswerText))
        {
            problems.Add($"{Section}:NoAnswerText is empty. Set the sentence that tells a user that no answer was found.");
        }

        if (options.Kind == AnswererKind.OpenAI)
        {
            problems.AddRange(FindProblems(options.OpenAI));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Returns one message per invalid setting of <paramref name="options"/>, or none.</summary>
    public static IReadOnlyList<string> FindProblems(OpenAIAnswererOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var problems = new List<string>();
        CheckEndpoint(problems, options.Endpoint);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            problems.Add($"{OpenAISection}:Model is missing. Set the model name that the server serves, such as " +
                "'llama3.1:8b' for Ollama or the --served-model-name of vLLM.");
        }

        CheckRange(problems, nameof(options.Timeout), options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        CheckRange(problems, nameof(options.MaxRetries), options.MaxRetries, 0, 5);
        CheckRange(problems, nameof(options.MaxOutputTokens), options.MaxOutputTokens, 1, 32768);
        CheckRange(problems, nameof(options.Temperature), options.Temperature, 0f, 2f);
        return problems;
    }

    private static void CheckEndpoint(List<string> problems, string? endpoint)
    {
        const string Example = "such as http://127.0.0.1:11434/v1 or https://api.openai.com/v1";
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            problems.Add($"{OpenAISection}:Endpoint is missing. Set the base URL of the chat completions API, {Example}.");
            return;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{OpenAISection}:Endpoint is '{endpoint}', which is not an absolute http or https URL. " +
                $"Set the base URL of the chat completions API, {Example}.");
            return;
        }

        // The endpoint is logged, so it must not carry credentials.
        if (uri.UserInfo.Length > 0)
        {
            problems.Add($"{OpenAISection}:Endpoint contains a user name or password. Remove them from the URL " +
                $"and set {OpenAISection}:ApiKey instead.");
        }
    }

    private static void CheckRange<T>(List<string> problems, string name, T value, T minimum, T maximum)
        where T : IComparable<T>
    {
        if (value.CompareTo(minimum) < 0 || value.CompareTo(maximum) > 0)
        {
            problems.Add($"{OpenAISection}:{name} is {value}, but must be between {minimum} and {maximum}.");
        }
    }
}
