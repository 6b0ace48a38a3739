using System.Security.Cryptography;
using System.Text;
using VoiceHelper.Gateway.Auth;

namespace VoiceHelper.Tests.Auth;

[Trait("Category", "Unit")]
public sealed class ApiKeyTextTests
{
    [Fact]
    public void Generate_Always_ReturnsKeyOfValidShape()
    {
        var key = ApiKeyText.Generate();

        Assert.True(ApiKeyText.HasValidShape(key), key);
    }

    [Fact]
    public void Generate_TwoCalls_ReturnDifferentKeys()
    {
        Assert.NotEqual(ApiKeyText.Generate(), ApiKeyText.Generate());
    }

    [Fact]
    public void Hash_Key_IsSha256OfUtf8Text()
    {
        const string key = "vh_example";

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), ApiKeyText.Hash(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("vh_")]
    [InlineData("sk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("vh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("vh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("vh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void HasValidShape_Malformed_ReturnsFalse(string key)
    {
        Assert.False(ApiKeyText.HasValidShape(key));
    }

    [Fact]
    public void DisplayPrefix_Key_KeepsOnlyFirstCharacters()
    {
        var key = ApiKeyText.Generate();

        Assert.Equal(key[..ApiKeyText.DisplayPrefixLength], ApiKeyText.DisplayPrefix(key));
    }
}
