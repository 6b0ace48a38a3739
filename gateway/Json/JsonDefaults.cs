using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceHelper.Gateway.Json;

/// <summary>The public JSON shape: snake_case names and enum values, nulls written.</summary>
public static class JsonDefaults
{
    /// <summary>Applies the public JSON conventions to <paramref name="options"/>.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }
}
