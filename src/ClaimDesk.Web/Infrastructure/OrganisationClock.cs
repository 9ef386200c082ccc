using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>Now, and today in the organisation's time zone (<c>ClaimDesk:TimeZone</c>, default Europe/Warsaw).</summary>
public sealed class OrganisationClock(TimeProvider time, IOptions<ClaimDeskOptions> options)
{
    private readonly TimeZoneInfo _zone = Find(options.Value.TimeZone);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, _zone));

    public TimeZoneInfo Zone => _zone;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    public static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new StartupException($"ClaimDesk:TimeZone '{id}' is not a known time zone (for example Europe/Warsaw or Europe/Prague).", e);
        }
    }
}
