using System.ComponentModel.DataAnnotations;

namespace VoiceHelper.Hosting;

/// <summary>Validates options objects read from configuration before a process starts serving.</summary>
public static class OptionsValidation
{
    /// <summary>Throws one error that lists every invalid setting of <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(object options, string sectionName)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return;
        }

        var messages = string.Join(" ", results.Select(result => result.ErrorMessage));
        throw new InvalidOperationException($"Configuration section '{sectionName}' is invalid: {messages}");
    }
}
