namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// Days as the organisation's time zone sees them. A day deadline is due at the last moment of its due day: the
/// local midnight that ends it, converted to UTC, less one millisecond. Milliseconds survive every store and client we
/// use (PostgreSQL keeps microseconds, JavaScript milliseconds), so a due time read back and recomputed is equal and
/// recomputing does not report a change that is only rounding.
/// </summary>
internal sealed class OrganisationTime(TimeZoneInfo zone)
{
    private static readonly TimeSpan LastMoment = TimeSpan.FromMilliseconds(1);

    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Utc(utc), zone));

    /// <summary>The UTC instant the local day begins; where a clock change skips midnight, the first local time that exists.</summary>
    public DateTime StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public DateTime EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1)) - LastMoment;

    /// <summary>
    /// When <paramref name="period"/> runs out for a clock started at <paramref name="start"/>. With
    /// <paramref name="shiftOffNonWorkingDay"/> a day period whose last day is a Saturday, Sunday or holiday ends on
    /// the next working day instead.
    /// </summary>
    public DateTime DueAt(DateTime start, DeadlinePeriod period, HolidayCalendar calendar, bool shiftOffNonWorkingDay)
    {
        start = Utc(start);
        if (period.Unit == PeriodUnit.Hours)
        {
            return start.AddHours(period.Amount);
        }

        var startDate = LocalDate(start);
        var dueDate = period.Unit == PeriodUnit.WorkingDays
            ? calendar.AddWorkingDays(startDate, period.Amount)
            : startDate.AddDays(period.Amount);
        return EndOfDay(shiftOffNonWorkingDay ? calendar.NextWorkingDayOnOrAfter(dueDate) : dueDate);
    }

    /// <summary>How much of the time from <paramref name="from"/> to <paramref name="to"/> falls on working days.</summary>
    public TimeSpan WorkingTimeBetween(DateTime from, DateTime to, HolidayCalendar calendar)
    {
        var total = TimeSpan.Zero;
        var cursor = from;
        while (cursor < to)
        {
            var date = LocalDate(cursor);
            var dayEnd = StartOfDay(date.AddDays(1));
            var end = dayEnd < to ? dayEnd : to;
            if (calendar.IsWorkingDay(date))
            {
                total += end - cursor;
            }

            cursor = end;
        }

        return total;
    }

    /// <summary>The moment <paramref name="amount"/> of time on working days after <paramref name="from"/>.</summary>
    public DateTime AddWorkingTime(DateTime from, TimeSpan amount, HolidayCalendar calendar)
    {
        var cursor = from;
        while (amount > TimeSpan.Zero)
        {
            var date = LocalDate(cursor);
            var dayEnd = StartOfDay(date.AddDays(1));
            if (calendar.IsWorkingDay(date))
            {
                var left = dayEnd - cursor;
                if (amount <= left)
                {
                    return cursor + amount;
                }

                amount -= left;
            }

            cursor = dayEnd;
        }

        return cursor;
    }
}
