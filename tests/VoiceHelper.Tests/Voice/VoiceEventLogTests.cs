using VoiceHelper.Grains.Voice;

namespace VoiceHelper.Tests.Voice;

[Trait("Category", "Unit")]
public sealed class VoiceEventLogTests
{
    [Fact]
    public void Append_ThreeEvents_NumbersFromOne()
    {
        var log = new VoiceEventLog(retainedBytes: 1 << 20);

        var numbers = Enumerable.Range(0, 3).Select(_ => log.Append(new VoiceEvent(0, VoiceEventKind.SpeechStarted)).Sequence).ToList();

        Assert.Equal([1L, 2L, 3L], numbers);
        Assert.Equal(3, log.PendingCount);
    }

    [Fact]
    public void After_Sequence_ReturnsLaterEventsInOrder()
    {
        var log = new VoiceEventLog(retainedBytes: 1 << 20);
        for (var i = 0; i < 5; i++)
        {
            log.Append(new VoiceEvent(0, VoiceEventKind.TranscriptDelta));
        }

        var later = log.After(2, limit: 10);

        Assert.Equal([3L, 4L, 5L], later.Select(voiceEvent => voiceEvent.Sequence));
    }

    [Fact]
    public void MarkDelivered_OverRetainedBytes_DropsOldestDeliveredOnly()
    {
        var log = new VoiceEventLog(retainedBytes: 64 * 1024);
        for (var i = 0; i < 10; i++)
        {
            log.Append(new VoiceEvent(0, VoiceEventKind.AudioDelta) { Audio = new byte[16 * 1024] });
        }

        log.MarkDelivered(6);

        Assert.False(log.HoldsAfter(0));
        Assert.True(log.HoldsAfter(6));
        Assert.Equal([7L, 8L, 9L, 10L], log.After(6, limit: 10).Select(voiceEvent => voiceEvent.Sequence));
        Assert.Equal(4, log.PendingCount);
    }

    [Fact]
    public void HoldsAfter_FutureSequence_IsFalse()
    {
        var log = new VoiceEventLog(retainedBytes: 1 << 20);
        log.Append(new VoiceEvent(0, VoiceEventKind.SessionCreated));

        Assert.True(log.HoldsAfter(1));
        Assert.False(log.HoldsAfter(2));
    }

    [Fact]
    public void PendingCount_AfterResume_CountsOnlyNewEvents()
    {
        var log = new VoiceEventLog(retainedBytes: 1 << 20);
        for (var i = 0; i < 5; i++)
        {
            log.Append(new VoiceEvent(0, VoiceEventKind.Error));
        }

        log.ResetDelivered(1);
        var afterResume = log.PendingCount;
        log.Append(new VoiceEvent(0, VoiceEventKind.Error));

        Assert.Equal(0, afterResume);
        Assert.Equal(1, log.PendingCount);
    }
}
