using System.Text.Json.Serialization;

namespace VoiceHelper.Bench.Harness;

/// <summary>Source-generated JSON metadata for the result files, in camel case and indented for reading.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BenchmarkResult))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
