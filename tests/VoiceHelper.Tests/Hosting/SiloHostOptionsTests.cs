using Microsoft.Extensions.Configuration;
using VoiceHelper.Hosting;

namespace VoiceHelper.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class SiloHostOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new SiloHostOptions();

        OptionsValidation.ThrowIfInvalid(options, SiloHostOptions.SectionName);
        OptionsValidation.ThrowIfInvalid(options.Accelerator, AcceleratorOptions.SectionName);
    }

    [Fact]
    public void Defaults_LocalRun_Unchanged()
    {
        var options = new SiloHostOptions();

        Assert.Equal("http://127.0.0.1:8090", options.Urls);
        Assert.False(options.KubernetesHosting);
        Assert.Equal(0, options.Accelerator.DeviceCount);
    }

    [Fact]
    public void Validate_EmptyUrls_NamesSetting()
    {
        var options = new SiloHostOptions { Urls = "" };

        var exception = Assert.Throws<InvalidOperationException>(
            () => OptionsValidation.ThrowIfInvalid(options, SiloHostOptions.SectionName));

        Assert.Contains("Silo:Urls", exception.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65)]
    public void Validate_DeviceCountOutOfRange_NamesSetting(int deviceCount)
    {
        var options = new AcceleratorOptions { DeviceCount = deviceCount };

        var exception = Assert.Throws<InvalidOperationException>(
            () => OptionsValidation.ThrowIfInvalid(options, AcceleratorOptions.SectionName));

        Assert.Contains("Silo:Accelerator:DeviceCount", exception.Message);
    }

    [Fact]
    public void SiloMetadata_DeviceCount_Advertised()
    {
        var options = new AcceleratorOptions { DeviceCount = 2 };

        var metadata = options.ToSiloMetadata();

        Assert.Equal("2", metadata[AcceleratorOptions.DeviceCountMetadataKey]);
    }

    [Fact]
    public void Binding_EnvironmentKeys_FillOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Urls"] = "http://+:8090",
            ["Silo:KubernetesHosting"] = "true",
            ["Silo:Accelerator:DeviceCount"] = "1",
        }).Build();

        var options = configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>()!;

        Assert.Equal("http://+:8090", options.Urls);
        Assert.True(options.KubernetesHosting);
        Assert.Equal(1, options.Accelerator.DeviceCount);
    }
}
