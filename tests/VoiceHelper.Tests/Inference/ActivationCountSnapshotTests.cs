using System.Diagnostics;
using System.Net;
using VoiceHelper.Grains.Placement;

namespace VoiceHelper.Tests.Inference;

[Trait("Category", "Unit")]
public sealed class ActivationCountSnapshotTests
{
    private static readonly SiloAddress First = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Second = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    [Fact]
    public void PlaceOnLeastLoaded_UnevenCounts_PicksFewerActivations()
    {
        var snapshot = Snapshot(new() { [First] = 3, [Second] = 1 });

        var chosen = snapshot.PlaceOnLeastLoaded([new(First, 1), new(Second, 1)]);

        Assert.Equal(Second, chosen);
        Assert.Equal(2, snapshot.CountOn(Second));
    }

    [Fact]
    public void PlaceOnLeastLoaded_EqualSilos_AlternatesBetweenThem()
    {
        var snapshot = Snapshot([]);
        PlacementCandidate[] candidates = [new(First, 1), new(Second, 1)];

        var placed = Enumerable.Range(0, 8).Select(_ => snapshot.PlaceOnLeastLoaded(candidates)).ToArray();

        Assert.Equal(4, placed.Count(silo => silo.Equals(First)));
        Assert.Equal(4, placed.Count(silo => silo.Equals(Second)));
    }

    [Fact]
    public void PlaceOnLeastLoaded_TwiceTheDevices_TakesTwiceTheActivations()
    {
        var snapshot = Snapshot([]);
        PlacementCandidate[] candidates = [new(First, 1), new(Second, 2)];

        for (var i = 0; i < 9; i++)
        {
            snapshot.PlaceOnLeastLoaded(candidates);
        }

        Assert.Equal(3, snapshot.CountOn(First));
        Assert.Equal(6, snapshot.CountOn(Second));
    }

    [Fact]
    public void Covers_SiloNotAsked_IsFalse()
    {
        var snapshot = new ActivationCountSnapshot([First], new Dictionary<SiloAddress, int>(), Stopwatch.GetTimestamp());

        Assert.True(snapshot.Covers([new(First, 1)]));
        Assert.False(snapshot.Covers([new(First, 1), new(Second, 1)]));
    }

    private static ActivationCountSnapshot Snapshot(Dictionary<SiloAddress, int> counts) =>
        new([First, Second], counts, Stopwatch.GetTimestamp());
}
