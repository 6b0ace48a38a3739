using VoiceHelper.Hosting;

namespace VoiceHelper.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class OrleansClusterOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        OptionsValidation.ThrowIfInvalid(new OrleansClusterOptions(), OrleansClusterOptions.SectionName);
    }

    [Fact]
    public void Validate_BadClusterId_NamesSetting()
    {
        var options = new OrleansClusterOptions { ClusterId = "has spaces" };

        var exception = Assert.Throws<InvalidOperationException>(
            () => OptionsValidation.ThrowIfInvalid(options, OrleansClusterOptions.SectionName));

        Assert.Contains("Orleans:ClusterId", exception.Message);
    }

    [Fact]
    public void Validate_PortOutOfRange_NamesSetting()
    {
        var options = new OrleansClusterOptions { GatewayPort = 70000 };

        var exception = Assert.Throws<InvalidOperationException>(
            () => OptionsValidation.ThrowIfInvalid(options, OrleansClusterOptions.SectionName));

        Assert.Contains("Orleans:GatewayPort", exception.Message);
    }
}
