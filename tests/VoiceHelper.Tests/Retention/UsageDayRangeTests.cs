using VoiceHelper.Gateway.Errors;
using VoiceHelper.Gateway.Usage;

namespace VoiceHelper.Tests.Retention;

[Trait("Category", "Unit")]
public sealed class UsageDayRangeTests
{
    private static readonly DateOnly Today = new(2026, 3, 14);

    [Fact]
    public void ParseDayRange_NoParameters_LastThirtyDays()
    {
        var (from, to) = UsageEndpoints.ParseDayRange(null, null, Today);

        Assert.Equal(Today, to);
        Assert.Equal(UsageEndpoints.DefaultDays, to.DayNumber - from.DayNumber + 1);
    }

    [Fact]
    public void ParseDayRange_BothGiven_ReturnsThem()
    {
        var (from, to) = UsageEndpoints.ParseDayRange("2025-12-30", "2026-01-02", Today);

        Assert.Equal(new DateOnly(2025, 12, 30), from);
        Assert.Equal(new DateOnly(2026, 1, 2), to);
    }

    [Fact]
    public void ParseDayRange_LatestDay_Accepted()
    {
        var (from, to) = UsageEndpoints.ParseDayRange(null, "9999-12-30", Today);

        Assert.Equal(new DateOnly(9999, 12, 1), from);
        Assert.Equal(new DateOnly(9999, 12, 30), to);
    }

    [Theory]
    [InlineData("2026-03-15", "2026-03-14", "from")]
    [InlineData("14.03.2026", null, "from")]
    [InlineData(null, "2026-02-30", "to")]
    [InlineData("2010-01-01", "2026-03-14", "from")]
    [InlineData(null, "0001-01-01", "to")]
    [InlineData("1969-12-31", "1970-01-02", "from")]
    [InlineData(null, "9999-12-31", "to")]
    [InlineData("9999-12-31", "9999-12-31", "to")]
    public void ParseDayRange_Invalid_RejectsNamingField(string? from, string? to, string field)
    {
        var exception = Assert.Throws<ApiProblemException>(() => UsageEndpoints.ParseDayRange(from, to, Today));

        Assert.Equal(ProblemCodes.ValidationFailed, exception.Code);
        Assert.True(exception.Errors?.ContainsKey(field), $"The problem names {string.Join(", ", exception.Errors?.Keys ?? [])}.");
    }
}
