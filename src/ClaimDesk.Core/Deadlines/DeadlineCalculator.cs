namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// Computes a claim's deadlines (DESIGN §5): the statutory ones of DOMAIN-RULES that govern it, and the targets of the
/// first SLA policy that matches it.
/// <para>
/// Dates are counted in the organisation's time zone; a day deadline is due at the last moment of its due day
/// (local end of day, in UTC), an hour deadline exactly that many hours after its start.
/// </para>
/// <para>
/// Statutory clocks never pause. An SLA clock stops while the claim is in one of the policy's pause statuses and its
/// due time moves out by the time it stood still: for calendar days and hours by the whole paused time; for working
/// days by the paused time that fell on working days, added along working days (a pause over a weekend moves nothing,
/// a pause of one whole working day moves the due time one working day). A pause that begins after the clock ran out
/// does not revive it.
/// </para>
/// <para>
/// Each clock stops at its event: the first public response (SLA first response), the decision (statutory response,
/// where a holding reply does not count; SLA decision), the resolution (statutory resolution, guarantor performance,
/// SLA resolution), or failing that the closing of the claim. A PL-GUAR clock exists once the goods are received.
/// </para>
/// </summary>
public sealed class DeadlineCalculator
{
    /// <summary>PL-CONS-RESP: warn from the 12th day after receipt, two days before the 14-day response is due.</summary>
    public const int DefaultDeemedAcceptanceWarningDay = 12;

    private readonly TimeZoneInfo _zone;
    private readonly OrganisationTime _time;
    private readonly IReadOnlyList<SlaPolicy> _policies;
    private readonly IReadOnlyList<DeadlineRule> _rules;

    /// <param name="zone">The organisation's time zone (default Europe/Warsaw, DESIGN §4).</param>
    /// <param name="policies">The administrators' SLA policies.</param>
    /// <param name="statutoryRules">The statutory rules; <see cref="StatutoryRules.All"/> when not given.</param>
    public DeadlineCalculator(TimeZoneInfo zone, IReadOnlyList<SlaPolicy> policies, IReadOnlyList<DeadlineRule>? statutoryRules = null)
    {
        _rules = statutoryRules ?? StatutoryRules.All;
        var pausing = _rules.FirstOrDefault(r => r.CanPause);
        if (pausing is not null)
        {
            throw new ArgumentException($"Statutory rule {pausing.Id} may not pause: statutory clocks never pause.", nameof(statutoryRules));
        }

        _zone = zone;
        _time = new OrganisationTime(zone);
        _policies = policies;
    }

    /// <summary>The claim's deadlines as they stand at <paramref name="now"/>: statutory first, then SLA.</summary>
    public IReadOnlyList<ClaimDeadline> Compute(DeadlineFacts facts, DateTime now)
    {
        now = OrganisationTime.Utc(now);
        return [.. Statutory(facts, now).Select(s => s.Deadline), .. Sla(facts, now)];
    }

    /// <summary>
    /// Whether a PL consumer complaint is at risk of being deemed accepted (PL-CONS-RESP): no response yet and
    /// <paramref name="warnFromDay"/> days have passed since the day of receipt (that day not counted); or already
    /// deemed accepted because the response deadline passed without one (or the response came late).
    /// </summary>
    public DeemedAcceptanceRisk DeemedAcceptance(DeadlineFacts facts, DateTime now, int warnFromDay = DefaultDeemedAcceptanceWarningDay)
    {
        now = OrganisationTime.Utc(now);
        var risk = DeemedAcceptanceRisk.None;
        foreach (var (_, deadline) in Statutory(facts, now).Where(s => s.Rule.DeemedAcceptedIfMissed))
        {
            var elapsed = _time.LocalDate(now).DayNumber - _time.LocalDate(facts.ReceivedAt).DayNumber;
            var level = deadline.State switch
            {
                DeadlineState.Breached => DeemedAcceptanceRisk.DeemedAccepted,
                DeadlineState.Running when elapsed >= warnFromDay => DeemedAcceptanceRisk.AtRisk,
                _ => DeemedAcceptanceRisk.None,
            };
            risk = level > risk ? level : risk;
        }

        return risk;
    }

    private IEnumerable<(DeadlineRule Rule, ClaimDeadline Deadline)> Statutory(DeadlineFacts facts, DateTime now)
    {
        var governing = StatutoryRules.Governing(
            _rules, facts.RegisterKind, facts.Jurisdiction, facts.CustomerType, facts.LegalBasis, facts.ReferenceDate(_zone));
        foreach (var rule in governing)
        {
            var start = rule.Starts == ClockStart.GoodsReceived ? facts.GoodsReceivedAt : facts.ReceivedAt;
            if (start is null)
            {
                continue;
            }

            var due = _time.DueAt(start.Value, rule.Period, HolidayCalendar.For(rule.Jurisdiction), rule.ShiftsOffNonWorkingDay);
            var kind = DeadlineRuleId.KindOf(rule);
            var done = kind == DeadlineKind.StatutoryResponse ? facts.DecidedAt : facts.ResolvedAt;
            yield return (rule, new ClaimDeadline(kind, rule.Id, due, StateAt(due, done ?? facts.ClosedAt, now, paused: false)));
        }
    }

    private IEnumerable<ClaimDeadline> Sla(DeadlineFacts facts, DateTime now)
    {
        var policy = SlaPolicy.Choose(_policies, facts);
        if (policy is null)
        {
            yield break;
        }

        var calendar = HolidayCalendar.For(policy.Calendar);
        var start = OrganisationTime.Utc(facts.ReceivedAt);
        foreach (var target in Enum.GetValues<SlaTarget>())
        {
            if (policy.Target(target) is not { } period)
            {
                continue;
            }

            var done = target switch
            {
                SlaTarget.FirstResponse => facts.FirstResponseAt,
                SlaTarget.Decision => facts.DecidedAt,
                _ => facts.ResolvedAt,
            } ?? facts.ClosedAt;
            var kind = DeadlineRuleId.KindOf(target);
            var clockEnd = done is { } d ? OrganisationTime.Utc(d) : now;
            var due = _time.DueAt(start, period, calendar, shiftOffNonWorkingDay: false);
            var paused = false;
            foreach (var (from, to) in Pauses(facts.Timeline, policy.PauseStatuses, start, clockEnd))
            {
                if (from > due)
                {
                    break;
                }

                due = period.Unit == PeriodUnit.WorkingDays
                    ? _time.AddWorkingTime(due, _time.WorkingTimeBetween(from, to, calendar), calendar)
                    : due + (to - from);
                paused = done is null && to == now;
            }

            yield return new ClaimDeadline(kind, policy.RuleId(target), due, StateAt(due, done, now, paused));
        }
    }

    /// <summary>The stretches between <paramref name="start"/> and <paramref name="end"/> spent in a pause status, in time order.</summary>
    private static IEnumerable<(DateTime From, DateTime To)> Pauses(
        IReadOnlyList<StatusEntered> timeline, IReadOnlyList<string> pauseStatuses, DateTime start, DateTime end)
    {
        var entries = timeline.Select(e => e with { At = OrganisationTime.Utc(e.At) }).OrderBy(e => e.At).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            if (!pauseStatuses.Contains(entries[i].Status, StringComparer.Ordinal))
            {
                continue;
            }

            var from = entries[i].At < start ? start : entries[i].At;
            var left = i + 1 < entries.Count ? entries[i + 1].At : DateTime.MaxValue;
            var to = left < end ? left : end;
            if (from < to)
            {
                yield return (from, to);
            }
        }
    }

    private static DeadlineState StateAt(DateTime due, DateTime? done, DateTime now, bool paused) =>
        done is { } d ? (OrganisationTime.Utc(d) <= due ? DeadlineState.Met : DeadlineState.Breached)
        : now > due ? DeadlineState.Breached
        : paused ? DeadlineState.Paused
        : DeadlineState.Running;
}
