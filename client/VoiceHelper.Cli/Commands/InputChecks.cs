using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace VoiceHelper.Cli.Commands;

/// <summary>
/// Parsers and validators for command-line values. An invalid value becomes a parse error, so vh reports it as a
/// usage error that names the option or argument, the value and what it accepts, instead of a .NET type name.
/// </summary>
internal static class InputChecks
{
    /// <summary>Creates a number option with a default, which accepts values from minimum to maximum inclusive.</summary>
    public static Option<T> Number<T>(string name, string description, T minimum, T maximum, T defaultValue)
        where T : struct, INumber<T>
    {
        return new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseNumber(result, name, minimum, maximum) ?? defaultValue,
        };
    }

    /// <summary>Creates a number option whose value is null when it is not given.</summary>
    public static Option<T?> OptionalNumber<T>(string name, string description, T minimum, T maximum)
        where T : struct, INumber<T>
    {
        return new Option<T?>(name)
        {
            Description = description,
            CustomParser = result => ParseNumber(result, name, minimum, maximum),
        };
    }

    /// <summary>Rejects an empty or blank value of the argument, and names what it takes.</summary>
    public static void RejectBlank(Argument argument, string expected)
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
            {
                result.AddError($"The argument <{argument.Name}> is empty. Give {expected}.");
            }
        });
    }

    /// <summary>Rejects an empty or blank value of the option, and names what it takes.</summary>
    public static void RejectBlank(Option option, string expected)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
            {
                result.AddError($"The option {option.Name} is empty. Give {expected}.");
            }
        });
    }

    // Returns null when the option was not given or its value is invalid. An invalid value adds the parse error.
    private static T? ParseNumber<T>(ArgumentResult result, string name, T minimum, T maximum)
        where T : struct, INumber<T>
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        var integer = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        var style = integer ? NumberStyles.Integer : NumberStyles.Float;
        if (T.TryParse(text, style, CultureInfo.InvariantCulture, out var value)
            && !T.IsNaN(value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        var kind = integer ? "a whole number" : "a number";
        result.AddError(string.Create(CultureInfo.InvariantCulture,
            $"Invalid value '{text}' for {name}. Give {kind} from {minimum} to {maximum}."));
        return null;
    }
}
