using System.ClientModel;
using VoiceHelper.Integration.Tests.Infrastructure;
using static VoiceHelper.Integration.Tests.Infrastructure.OpenAIClients;

namespace VoiceHelper.Integration.Tests.OpenAICompatible;

/// <summary>The tenant's knowledge bases as models, through the official client's model client.</summary>
[Collection(ServiceCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ModelListTests(ServiceFixture fixture)
{
    [Fact]
    public async Task GetModels_Owner_ListsKnowledgeBaseByName()
    {
        var manual = await ManualModel.GetAsync(fixture);

        var models = (await Models(fixture, fixture.AdminKeyOfTenantA).GetModelsAsync().WaitAsync(Step)).Value;

        Assert.Contains(models, model => model.Id == manual.Name && model.OwnedBy == "voicehelper");
    }

    [Fact]
    public async Task GetModels_OtherTenant_DoesNotListIt()
    {
        var manual = await ManualModel.GetAsync(fixture);

        var models = (await Models(fixture, fixture.KeyOfTenantB).GetModelsAsync().WaitAsync(Step)).Value;

        Assert.DoesNotContain(models, model => model.Id == manual.Name);
    }

    [Fact]
    public async Task GetModel_ById_ReturnsName()
    {
        var manual = await ManualModel.GetAsync(fixture);

        var model = (await Models(fixture, fixture.AdminKeyOfTenantA).GetModelAsync(manual.Id.ToString()).WaitAsync(Step)).Value;

        Assert.Equal(manual.Name, model.Id);
    }

    [Fact]
    public async Task GetModel_Unknown_Throws404()
    {
        var client = Models(fixture, fixture.AdminKeyOfTenantA);

        var exception = await Assert.ThrowsAsync<ClientResultException>(
            () => client.GetModelAsync($"missing-{Guid.NewGuid():N}").WaitAsync(Step));

        Assert.Equal(404, exception.Status);
    }
}
