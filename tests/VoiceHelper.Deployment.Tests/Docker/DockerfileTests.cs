using System.Runtime.Versioning;
using VoiceHelper.Deployment.Tests.Infrastructure;
using VoiceHelper.Speech.Vad;

namespace VoiceHelper.Deployment.Tests.Docker;

[Trait("Category", "Unit")]
public sealed class DockerfileTests
{
    public static TheoryData<string, string> ServiceImages => new()
    {
        { "docker/silo.Dockerfile", "silo/VoiceHelper.Silo.csproj" },
        { "docker/gateway.Dockerfile", "gateway/VoiceHelper.Gateway.csproj" },
    };

    public static TheoryData<string> ServiceImagePaths => new()
    {
        "docker/silo.Dockerfile",
        "docker/gateway.Dockerfile",
    };

    public static TheoryData<string> AllImages => new()
    {
        "docker/silo.Dockerfile",
        "docker/gateway.Dockerfile",
        "docker/migrate.Dockerfile",
    };

    [Theory]
    [MemberData(nameof(ServiceImages))]
    public void Build_ServiceImage_IsMultiStage(string path, string project)
    {
        var dockerfile = Dockerfile.Load(path);

        var build = dockerfile.StageNames.Single(stage => stage.Value == "build").Key;

        Assert.True(dockerfile.Stages.Count >= 2, $"{path} has {dockerfile.Stages.Count} stage(s).");
        Assert.Contains("SDK_IMAGE", dockerfile.Stages[build].Arguments);
        Assert.Contains("dotnet/sdk", dockerfile.ArgumentDefault("SDK_IMAGE"));
        Assert.DoesNotContain("SDK_IMAGE", dockerfile.Stages[dockerfile.FinalStage].Arguments);
        Assert.Contains(dockerfile.All("RUN"), run => run.Stage == build && run.Arguments.Contains($"dotnet publish {project}"));
    }

    [Theory]
    [MemberData(nameof(ServiceImages))]
    public void Build_ServiceImage_PublishesForLinuxX64(string path, string project)
    {
        var publish = Dockerfile.Load(path).All("RUN").Single(run => run.Arguments.Contains("dotnet publish"));

        Assert.Contains(project, publish.Arguments);
        Assert.Contains("-r linux-x64", publish.Arguments);
        Assert.Contains("-c Release", publish.Arguments);
    }

    [Theory]
    [MemberData(nameof(ServiceImages))]
    public void Build_ServiceImage_RestoresFromProjectFilesFirst(string path, string project)
    {
        var dockerfile = Dockerfile.Load(path);
        var copies = dockerfile.All("COPY").ToList();

        var restore = dockerfile.Instructions.ToList().FindIndex(item => item.Arguments.Contains("dotnet restore"));
        var copyAll = dockerfile.Instructions.ToList().FindIndex(item => item.Keyword == "COPY" && item.Arguments == ". .");

        Assert.Contains(copies, copy => copy.Arguments.StartsWith(project, StringComparison.Ordinal));
        Assert.True(restore >= 0, $"{path} runs no dotnet restore.");
        Assert.True(restore < copyAll, $"{path} does not restore before it copies the sources.");
    }

    [Theory]
    [MemberData(nameof(AllImages))]
    public void User_FinalStage_IsNotRoot(string path)
    {
        var dockerfile = Dockerfile.Load(path);

        var user = dockerfile.All("USER").LastOrDefault(item => item.Stage == dockerfile.FinalStage);

        Assert.NotNull(user);
        Assert.DoesNotContain(user.Arguments.Split(':')[0], new[] { "root", "0" });
    }

    [Theory]
    [MemberData(nameof(ServiceImagePaths))]
    public void HealthCheck_ServiceImage_ProbesReadyEndpoint(string path)
    {
        var dockerfile = Dockerfile.Load(path);

        var check = Assert.Single(dockerfile.All("HEALTHCHECK"));

        Assert.Equal(dockerfile.FinalStage, check.Stage);
        Assert.Contains("/health/ready", check.Arguments);
    }

    [Fact]
    public void HealthCheck_MigrationImage_IsOff()
    {
        var check = Assert.Single(Dockerfile.Load("docker/migrate.Dockerfile").All("HEALTHCHECK"));

        Assert.Equal("NONE", check.Arguments);
    }

    [Theory]
    [InlineData("docker/silo.Dockerfile", "VoiceHelper.Silo.dll", "8090")]
    [InlineData("docker/gateway.Dockerfile", "VoiceHelper.Gateway.dll", "8080")]
    public void Entrypoint_ServiceImage_StartsItsAssembly(string path, string assembly, string healthPort)
    {
        var dockerfile = Dockerfile.Load(path);

        var entrypoint = Assert.Single(dockerfile.All("ENTRYPOINT"));

        Assert.Contains(assembly, entrypoint.Arguments);
        Assert.Contains(dockerfile.All("EXPOSE"), expose => expose.Arguments.Split(' ').Contains(healthPort));
        Assert.Contains($"127.0.0.1:{healthPort}/health/ready", dockerfile.All("HEALTHCHECK").Single().Arguments);
    }

    [Fact]
    public void Silo_EveryRuntimeStage_InstallsLibgomp()
    {
        var dockerfile = Dockerfile.Load("docker/silo.Dockerfile");
        var runtimeStages = dockerfile.StageNames.Where(stage => stage.Value.StartsWith("runtime-", StringComparison.Ordinal));

        foreach (var (index, name) in runtimeStages)
        {
            Assert.True(
                dockerfile.All("RUN").Any(run => run.Stage == index && run.Arguments.Contains("libgomp1")),
                $"The stage '{name}' does not install libgomp1, which the USearch native library needs.");
        }
    }

    [Theory]
    [InlineData("libpocketsphinx3")]
    [InlineData("pocketsphinx-en-us")]
    [InlineData("libespeak-ng1")]
    [InlineData("espeak-ng-data")]
    public void Silo_EveryRuntimeStage_InstallsSpeechEngine(string package)
    {
        var dockerfile = Dockerfile.Load("docker/silo.Dockerfile");
        var runtimeStages = dockerfile.StageNames.Where(stage => stage.Value.StartsWith("runtime-", StringComparison.Ordinal));

        foreach (var (index, name) in runtimeStages)
        {
            Assert.True(
                dockerfile.All("RUN").Any(run => run.Stage == index && run.Arguments.Contains(package)),
                $"The stage '{name}' does not install {package}, which the voice grains load.");
        }
    }

    [Fact]
    public void Silo_SileroVadChecksum_EqualsSpeechLibrary()
    {
        var dockerfile = Dockerfile.Load("docker/silo.Dockerfile");

        Assert.Equal(SileroVadModel.Network.Sha256, dockerfile.ArgumentDefault("SILERO_VAD_SHA256"));
    }

    [Fact]
    public void Silo_Publish_ChecksSileroVadModel()
    {
        var publish = Dockerfile.Load("docker/silo.Dockerfile").All("RUN").Single(run => run.Arguments.Contains("dotnet publish"));

        Assert.Contains("-p:SileroVadModelPath=", publish.Arguments);
        Assert.Contains("test -f /app/models/silero-vad-v5/silero_vad_v5.onnx", publish.Arguments);
    }

    [Fact]
    public void Silo_Accelerator_DefaultsToCpu()
    {
        Assert.Equal("cpu", Dockerfile.Load("docker/silo.Dockerfile").ArgumentDefault("ACCELERATOR"));
    }

    [Fact]
    public void Silo_Accelerator_SelectsOnnxRuntimeBuildAndStage()
    {
        var dockerfile = Dockerfile.Load("docker/silo.Dockerfile");

        Assert.Contains(dockerfile.All("RUN"), run => run.Arguments.Contains("-p:OnnxRuntimeGpu=$gpu"));
        Assert.Contains("runtime-cpu", dockerfile.StageNames.Values);
        Assert.Contains("runtime-cuda", dockerfile.StageNames.Values);
        Assert.StartsWith("runtime-${ACCELERATOR}", dockerfile.Stages[dockerfile.FinalStage].Arguments);
    }

    [Fact]
    public void Silo_Publish_ChecksModelAndNativeRuntime()
    {
        var publish = Dockerfile.Load("docker/silo.Dockerfile").All("RUN").Single(run => run.Arguments.Contains("dotnet publish"));

        Assert.Contains("models/all-MiniLM-L6-v2/model.onnx", publish.Arguments);
        Assert.Contains("libonnxruntime.so", publish.Arguments);
    }

    [Theory]
    [InlineData("**/bin/")]
    [InlineData("**/obj/")]
    [InlineData(".data/")]
    [InlineData(".secrets/")]
    [InlineData(".git/")]
    public void Context_Dockerignore_ExcludesLocalOutputAndSecrets(string pattern)
    {
        var lines = RepositoryFiles.ReadText(".dockerignore").Split('\n').Select(line => line.Trim());

        Assert.Contains(pattern, lines);
    }

    [Theory]
    [InlineData("docker/entrypoint.sh")]
    [InlineData("docker/init-secrets.sh")]
    [InlineData("db/migrate.sh")]
    [UnsupportedOSPlatform("windows")]
    public void Scripts_AreExecutable(string path)
    {
        var mode = File.GetUnixFileMode(RepositoryFiles.PathOf(path));

        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"{path} is not executable.");
    }
}
