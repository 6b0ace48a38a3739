using VoiceHelper.Inference.Embeddings;
using VoiceHelper.Inference.Models;

namespace VoiceHelper.Inference.Tests.Models;

[Trait("Category", "Unit")]
public sealed class ModelFolderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("voicehelper-model-").FullName;

    [Fact]
    public void Verify_BuiltModelFolder_Passes()
    {
        ModelFolder.Verify(MiniLmModel.DefaultFolder, MiniLmModel.Files);
    }

    [Fact]
    public void Verify_ChangedVocabulary_ThrowsInvalidDataException()
    {
        LinkNetworkFile();
        var vocabulary = Path.Combine(_folder, MiniLmModel.Vocabulary.Name);
        File.Copy(Path.Combine(MiniLmModel.DefaultFolder, MiniLmModel.Vocabulary.Name), vocabulary);
        File.AppendAllText(vocabulary, "extra\n");
        var actualSha256 = ModelFolder.ComputeSha256(vocabulary);

        var exception = Assert.Throws<InvalidDataException>(() => ModelFolder.Verify(_folder, MiniLmModel.Files));

        Assert.Contains(vocabulary, exception.Message, StringComparison.Ordinal);
        Assert.Contains(MiniLmModel.Vocabulary.Sha256, exception.Message, StringComparison.Ordinal);
        Assert.Contains(actualSha256, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ChangedVocabulary_ThrowsInvalidDataException()
    {
        LinkNetworkFile();
        File.WriteAllText(Path.Combine(_folder, MiniLmModel.Vocabulary.Name), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n");

        Assert.Throws<InvalidDataException>(() => new MiniLmEmbedder(new MiniLmEmbedderOptions { ModelFolder = _folder }));
    }

    [Fact]
    public void Verify_MissingFile_ThrowsFileNotFound()
    {
        LinkNetworkFile();

        var exception = Assert.Throws<FileNotFoundException>(() => ModelFolder.Verify(_folder, MiniLmModel.Files));

        Assert.Equal(Path.Combine(_folder, MiniLmModel.Vocabulary.Name), exception.FileName);
    }

    [Fact]
    public void Verify_MissingFolder_ThrowsDirectoryNotFoundException()
    {
        var missing = Path.Combine(_folder, "missing");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => ModelFolder.Verify(missing, MiniLmModel.Files));

        Assert.Contains(missing, exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A link instead of a copy spares writing 90 MB per test, and hashing reads the target.
    private void LinkNetworkFile() =>
        File.CreateSymbolicLink(Path.Combine(_folder, MiniLmModel.Network.Name), Path.Combine(MiniLmModel.DefaultFolder, MiniLmModel.Network.Name));
}
