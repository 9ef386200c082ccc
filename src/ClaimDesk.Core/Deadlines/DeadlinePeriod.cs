namespace ClaimDesk.Core.Deadlines;

/// <summary>How a period is counted (DESIGN §5): calendar days, working days of a holiday calendar, or hours.</summary>
public enum PeriodUnit { CalendarDays, WorkingDays, Hours }

/// <summary>
/// A length of time a deadline allows. Day periods end at the end of the due day in the organisation's time zone,
/// the day the clock starts not counted; an hour period ends exactly that many hours after the start.
/// </summary>
public sealed record DeadlinePeriod(int Amount, PeriodUnit Unit)
{
    public static DeadlinePeriod CalendarDays(int days) => new(days, PeriodUnit.CalendarDays);

    public static DeadlinePeriod WorkingDays(int days) => new(days, PeriodUnit.WorkingDays);

    public static DeadlinePeriod Hours(int hours) => new(hours, PeriodUnit.Hours);
}
