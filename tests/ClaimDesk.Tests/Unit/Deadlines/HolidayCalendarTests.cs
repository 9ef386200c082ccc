using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;

namespace ClaimDesk.Tests.Unit.Deadlines;

/// <summary>The PL and CZ public holidays of DOMAIN-RULES and counting working days over them.</summary>
public sealed class HolidayCalendarTests
{
    private static readonly HolidayCalendar Poland = HolidayCalendar.For(Jurisdiction.Pl);
    private static readonly HolidayCalendar Czechia = HolidayCalendar.For(Jurisdiction.Cz);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_Sunday_follows_the_Gregorian_computus(int year, string easter) =>
        Assert.Equal(D(easter), HolidayCalendar.EasterSunday(year));

    [Fact]
    public void Polish_holidays_of_2026_include_the_movable_feasts_and_Christmas_Eve()
    {
        string[] expected =
        [
            "2026-01-01", "2026-01-06", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-03",
            "2026-05-24", // Pentecost Sunday, Easter + 49
            "2026-06-04", // Corpus Christi, Easter + 60
            "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-24", "2026-12-25", "2026-12-26",
        ];

        Assert.Equal(expected.Select(D), Poland.Holidays(2026));
    }

    [Fact]
    public void Czech_holidays_of_2027_include_Good_Friday_and_Easter_Monday_but_not_Easter_Sunday()
    {
        string[] expected =
        [
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01", "2027-05-08", "2027-07-05", "2027-07-06",
            "2027-09-28", "2027-10-28", "2027-11-17", "2027-12-24", "2027-12-25", "2027-12-26",
        ];

        Assert.Equal(expected.Select(D), Czechia.Holidays(2027));
    }

    [Theory]
    [InlineData("2025-04-18", true)]
    [InlineData("2026-04-03", true)]
    [InlineData("2016-03-25", true)]
    [InlineData("2015-04-03", false)]
    public void Good_Friday_is_a_Czech_holiday_from_2016(string goodFriday, bool holiday)
    {
        Assert.Equal(holiday, Czechia.IsHoliday(D(goodFriday)));
        Assert.False(Poland.IsHoliday(D(goodFriday)));
    }

    [Theory]
    [InlineData("2024-12-24", false)]
    [InlineData("2025-12-24", true)]
    [InlineData("2026-12-24", true)]
    public void Christmas_Eve_is_a_Polish_holiday_from_2025(string christmasEve, bool holiday)
    {
        Assert.Equal(holiday, Poland.IsHoliday(D(christmasEve)));
        Assert.Equal(!holiday, Poland.IsWorkingDay(D(christmasEve)));
        Assert.True(Czechia.IsHoliday(D(christmasEve)));
    }

    [Theory]
    [InlineData("2026-03-07")]
    [InlineData("2026-03-08")]
    public void Weekends_are_never_working_days(string weekendDay)
    {
        Assert.False(Poland.IsWorkingDay(D(weekendDay)));
        Assert.False(Czechia.IsWorkingDay(D(weekendDay)));
    }

    [Theory]
    [InlineData("2026-12-04", 1, "2026-12-07")]
    [InlineData("2026-12-05", 1, "2026-12-07")]
    [InlineData("2026-12-23", 3, "2026-12-30")]
    [InlineData("2026-12-30", 3, "2027-01-05")]
    [InlineData("2027-01-05", 3, "2027-01-11")]
    [InlineData("2026-03-02", 0, "2026-03-02")]
    public void Adding_working_days_skips_the_start_day_weekends_and_Polish_holidays(string start, int days, string expected) =>
        Assert.Equal(D(expected), Poland.AddWorkingDays(D(start), days));

    [Fact]
    public void Czech_working_days_skip_Czech_holidays_not_Polish_ones()
    {
        Assert.Equal(D("2026-11-12"), Poland.AddWorkingDays(D("2026-11-10"), 1));
        Assert.Equal(D("2026-11-11"), Czechia.AddWorkingDays(D("2026-11-10"), 1));
        Assert.Equal(D("2026-11-18"), Czechia.AddWorkingDays(D("2026-11-16"), 1));
    }

    [Theory]
    [InlineData("2026-12-24", "2026-12-28")]
    [InlineData("2027-01-03", "2027-01-04")]
    [InlineData("2026-12-28", "2026-12-28")]
    public void The_next_working_day_on_or_after_a_day_off_is_the_first_working_day(string date, string expected) =>
        Assert.Equal(D(expected), Poland.NextWorkingDayOnOrAfter(D(date)));

    [Fact]
    public void Jurisdictions_have_the_codes_pl_and_cz() =>
        Assert.Equal(["pl", "cz"], Codes.All<Jurisdiction>());
}
