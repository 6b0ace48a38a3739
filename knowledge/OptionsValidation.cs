using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Knowledge;

/// <summary>Validates the data annotations of an options object when a parser or chunker is created.</summary>
internal static class OptionsValidation
{
    /// <summary>Throws one <see cref="ArgumentException"/> that lists every invalid setting of <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(object options, string sectionName)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return;
        }

        var messages = string.Join(" ", results.Select(result => result.ErrorMessage));
        throw new ArgumentException($"Options section '{sectionName}' is invalid: {messages}", nameof(options));
    }
}
