using System.ComponentModel.DataAnnotations;
using VoiceHelper.Inference.Models;
using VoiceHelper.Inference.Onnx;

namespace VoiceHelper.Inference.Embeddings;

/// <summary>Settings of <see cref="MiniLmEmbedder"/>.</summary>
public sealed class MiniLmEmbedderOptions
{
    /// <summary>Configuration section that these options bind to.</summary>
    public const string SectionName = "Inference:Embeddings";

    /// <summary>
    /// Folder that contains model.onnx and vocab.txt of all-MiniLM-L6-v2. Default: <c>models/all-MiniLM-L6-v2</c> below the
    /// application's base directory, where the build puts them.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ModelFolder must name the folder that contains model.onnx and vocab.txt.")]
    public string ModelFolder { get; set; } = MiniLmModel.DefaultFolder;

    /// <summary>
    /// Maximum texts per model run. The embedder sorts the texts of a call by length before it forms batches, so each
    /// batch pads its texts to a similar length. Default: 32.
    /// </summary>
    [Range(1, 1024, ErrorMessage = "MaxBatchSize must be between 1 and 1024.")]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Whether to check the SHA-256 of the model files when the embedder starts, which reads about 90 MB once.
    /// Default: true.
    /// </summary>
    public bool VerifyChecksums { get; set; } = true;

    /// <summary>Execution provider and threads of the ONNX Runtime session.</summary>
    [Required(ErrorMessage = "Session must not be null.")]
    public OnnxSessionOptions Session { get; set; } = new();

    /// <summary>Throws one <see cref="ArgumentException"/> that lists every invalid setting.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        if (Session is not null)
        {
            Validator.TryValidateObject(Session, new ValidationContext(Session), results, validateAllProperties: true);
        }

        if (results.Count > 0)
        {
            var messages = string.Join(" ", results.Select(result => result.ErrorMessage));
            throw new ArgumentException($"Options section '{SectionName}' is invalid: {messages}");
        }
    }
}
