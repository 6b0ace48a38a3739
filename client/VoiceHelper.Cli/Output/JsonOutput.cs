using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceHelper.Cli.Output;

/// <summary>Writes <c>--json</c> output: snake_case names and enum values, as the REST API uses.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = Create(indented: true);
    private static readonly JsonSerializerOptions Compact = Create(indented: false);

    /// <summary>Writes one indented JSON document.</summary>
    public static void Write(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>Writes one JSON value on a single line, for output of one object per line.</summary>
    public static void WriteLine(TextWriter writer, object value) => writer.WriteLine(JsonSerializer.Serialize(value, Compact));

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = indented,
        // The output goes to a terminal or a script, never into HTML, so quotes and angle brackets stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
