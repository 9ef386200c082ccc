using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;

namespace ClaimDesk.Tests.Unit.Deadlines;

/// <summary>Times in the organisation's zone (Europe/Warsaw) and claim facts the deadline tests start from.</summary>
internal static class DeadlineSetup
{
    public static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    /// <summary>A Warsaw wall-clock time, in UTC.</summary>
    public static DateTime Local(int year, int month, int day, int hour = 12, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Warsaw);

    /// <summary>The last moment (millisecond) of a Warsaw day, in UTC.</summary>
    public static DateTime EndOf(int year, int month, int day) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddDays(1), Warsaw)
        - TimeSpan.FromMilliseconds(1);

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Warsaw));

    public static DeadlineFacts Claim(
        DateTime receivedAt, Jurisdiction jurisdiction = Jurisdiction.Pl, CustomerType customerType = CustomerType.Consumer,
        LegalBasis legalBasis = LegalBasis.Conformity, RegisterKind registerKind = RegisterKind.Complaints) => new()
        {
            RegisterKind = registerKind,
            Jurisdiction = jurisdiction,
            CustomerType = customerType,
            LegalBasis = legalBasis,
            ReceivedAt = receivedAt,
            Timeline = [new StatusEntered("new", receivedAt)],
        };

    public static DeadlineCalculator Calculator(params SlaPolicy[] policies) =>
        new(Warsaw, policies.Length == 0 ? DefaultSlaPolicies.All : policies);

    public static ClaimDeadline Single(this IReadOnlyList<ClaimDeadline> deadlines, DeadlineKind kind) =>
        Assert.Single(deadlines, d => d.Kind == kind);
}
