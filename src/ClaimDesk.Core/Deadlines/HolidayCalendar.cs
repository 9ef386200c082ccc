using System.Collections.Concurrent;

namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// Public holidays and working days of one jurisdiction, exactly as DOMAIN-RULES "Public holidays" lists them.
/// Saturdays and Sundays are never working days. Movable feasts follow the Gregorian Easter.
/// </summary>
public sealed class HolidayCalendar
{
    private static readonly HolidayCalendar Poland = new(Jurisdiction.Pl);
    private static readonly HolidayCalendar Czechia = new(Jurisdiction.Cz);

    private readonly ConcurrentDictionary<int, IReadOnlySet<DateOnly>> _byYear = new();

    private HolidayCalendar(Jurisdiction jurisdiction) => Jurisdiction = jurisdiction;

    public Jurisdiction Jurisdiction { get; }

    public static HolidayCalendar For(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Pl => Poland,
        Jurisdiction.Cz => Czechia,
        _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction), jurisdiction, "No holiday calendar for this jurisdiction."),
    };

    /// <summary>Easter Sunday of <paramref name="year"/> by the Gregorian computus (the anonymous algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var monthAndDay = h + l - (7 * m) + 114;
        return new DateOnly(year, monthAndDay / 31, (monthAndDay % 31) + 1);
    }

    /// <summary>The public holidays of <paramref name="year"/>, in date order.</summary>
    public IReadOnlyList<DateOnly> Holidays(int year) => [.. HolidaySet(year).Order()];

    public bool IsHoliday(DateOnly date) => HolidaySet(date.Year).Contains(date);

    /// <summary>A day that is neither a Saturday, a Sunday nor a public holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>
    /// The day on which <paramref name="days"/> working days after <paramref name="start"/> have passed; the start
    /// day itself is not counted (as the day a claim is received is not), whether or not it is a working day.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                days--;
            }
        }

        return date;
    }

    /// <summary><paramref name="date"/> itself when it is a working day, otherwise the next working day.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private IReadOnlySet<DateOnly> HolidaySet(int year) => _byYear.GetOrAdd(year, Compute);

    private HashSet<DateOnly> Compute(int year)
    {
        var easter = EasterSunday(year);
        DateOnly Day(int month, int day) => new(year, month, day);
        var days = Jurisdiction switch
        {
            Jurisdiction.Pl => new List<DateOnly>
            {
                Day(1, 1), Day(1, 6), easter, easter.AddDays(1), Day(5, 1), Day(5, 3),
                easter.AddDays(49), // Pentecost Sunday
                easter.AddDays(60), // Corpus Christi
                Day(8, 15), Day(11, 1), Day(11, 11), Day(12, 25), Day(12, 26),
            },
            _ => new List<DateOnly>
            {
                Day(1, 1), easter.AddDays(1), Day(5, 1), Day(5, 8), Day(7, 5), Day(7, 6), Day(9, 28), Day(10, 28),
                Day(11, 17), Day(12, 24), Day(12, 25), Day(12, 26),
            },
        };

        // Christmas Eve is a Polish public holiday from 2025; Good Friday a Czech one from 2016.
        if (Jurisdiction == Jurisdiction.Pl && year >= 2025)
        {
            days.Add(Day(12, 24));
        }

        if (Jurisdiction == Jurisdiction.Cz && year >= 2016)
        {
            days.Add(easter.AddDays(-2));
        }

        return [.. days];
    }
}
