using VoiceHelper.Inference.Models;
using VoiceHelper.Inference.Onnx;

namespace VoiceHelper.Inference.Tests.Onnx;

[Trait("Category", "Unit")]
public sealed class OnnxSessionFactoryTests
{
    [Fact]
    public void CreateSessionOptions_CudaOnCpuBuild_ThrowsWithRemedy()
    {
        // A build with -p:OnnxRuntimeGpu=true has the provider, and whether it starts depends on the machine's GPU.
        if (OnnxSessionFactory.IsCudaBuild)
        {
            return;
        }

        var options = new OnnxSessionOptions { ExecutionProvider = ExecutionProvider.Cuda };

        var exception = Assert.Throws<InvalidOperationException>(() => OnnxSessionFactory.CreateSessionOptions(options));

        Assert.Contains("no CUDA execution provider", exception.Message, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeGpu=true", exception.Message, StringComparison.Ordinal);
        Assert.Contains("set ExecutionProvider to Cpu", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CpuWithTwoThreads_LoadsModel()
    {
        var options = new OnnxSessionOptions { IntraOpThreads = 2 };

        using var session = OnnxSessionFactory.Create(Path.Combine(MiniLmModel.DefaultFolder, MiniLmModel.Network.Name), options);

        Assert.Contains("input_ids", session.InputMetadata.Keys);
    }

    [Fact]
    public void Create_MissingModel_ThrowsFileNotFoundException()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".onnx");

        var exception = Assert.Throws<FileNotFoundException>(() => OnnxSessionFactory.Create(path, new OnnxSessionOptions()));

        Assert.Equal(path, exception.FileName);
    }

    [Fact]
    public void Create_NonModelFile_ThrowsInvalidOperation()
    {
        var path = Path.Combine(MiniLmModel.DefaultFolder, MiniLmModel.Vocabulary.Name);

        var exception = Assert.Throws<InvalidOperationException>(() => OnnxSessionFactory.Create(path, new OnnxSessionOptions()));

        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputFolder_OnLinux_ContainsOneOnnxRuntimeLibrary()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var libraries = Directory.GetFiles(AppContext.BaseDirectory, "libonnxruntime.so", SearchOption.AllDirectories);

        Assert.Equal([Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so")], libraries);
    }
}
