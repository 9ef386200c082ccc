using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using static ClaimDesk.Tests.Unit.Deadlines.DeadlineSetup;

namespace ClaimDesk.Tests.Unit.Deadlines;

/// <summary>SLA policies (DESIGN §5): choosing the policy, targets in calendar days, working days and hours, pauses.</summary>
public sealed class SlaDeadlineTests
{
    private static readonly DeadlineCalculator Defaults = Calculator();

    private static readonly SlaPolicy Partners = new()
    {
        Name = "partners",
        Order = 5,
        Conditions = new SlaConditions { CustomerTier = "partner" },
        FirstResponse = DeadlinePeriod.Hours(8),
        Decision = DeadlinePeriod.WorkingDays(2),
        Resolution = DeadlinePeriod.CalendarDays(10),
        PauseStatuses = ["waiting_for_goods"],
    };

    private static DeadlineFacts Vip(DateTime receivedAt) => Claim(receivedAt) with { CustomerTier = "vip" };

    private static DeadlineFacts Waiting(DeadlineFacts facts, params (string Status, DateTime At)[] entries) =>
        facts with { Timeline = [.. facts.Timeline, .. entries.Select(e => new StatusEntered(e.Status, e.At))] };

    [Fact]
    public void The_standard_policy_resolves_a_claim_within_14_calendar_days()
    {
        var deadlines = Defaults.Compute(Claim(Local(2026, 3, 2, 10)), Local(2026, 3, 3));

        var resolution = Assert.Single(deadlines, d => d.RuleId.StartsWith("sla:", StringComparison.Ordinal));
        Assert.Equal(new ClaimDeadline(DeadlineKind.SlaResolution, "sla:standard:resolution", EndOf(2026, 3, 16), DeadlineState.Running), resolution);
    }

    [Theory]
    [InlineData("2026-12-23", "2026-12-30")] // Dec 24, 25 (and the weekend) skipped
    [InlineData("2026-12-30", "2027-01-05")] // Jan 1 skipped
    [InlineData("2027-01-05", "2027-01-11")] // Jan 6 skipped
    public void A_VIP_claim_is_resolved_within_3_working_days_skipping_Polish_holidays(string received, string due)
    {
        var receivedOn = DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture);
        var dueOn = DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture);

        var deadline = Defaults.Compute(Vip(Local(receivedOn.Year, receivedOn.Month, receivedOn.Day, 10)), Local(2026, 12, 23))
            .Single(DeadlineKind.SlaResolution);

        Assert.Equal("sla:VIP:resolution", deadline.RuleId);
        Assert.Equal(EndOf(dueOn.Year, dueOn.Month, dueOn.Day), deadline.DueAt);
    }

    [Fact]
    public void Waiting_for_customer_pauses_the_SLA_clock_but_never_the_statutory_one()
    {
        var facts = Waiting(Claim(Local(2026, 3, 2, 10)), ("waiting_for_customer", Local(2026, 3, 4, 10)));

        var whileWaiting = Defaults.Compute(facts, Local(2026, 3, 5, 10));
        Assert.Equal(new ClaimDeadline(DeadlineKind.StatutoryResponse, "PL-CONS-RESP-2023", EndOf(2026, 3, 16), DeadlineState.Running),
            whileWaiting.Single(DeadlineKind.StatutoryResponse));
        Assert.Equal(new ClaimDeadline(DeadlineKind.SlaResolution, "sla:standard:resolution", EndOf(2026, 3, 17), DeadlineState.Paused),
            whileWaiting.Single(DeadlineKind.SlaResolution));

        var afterwards = Defaults.Compute(Waiting(facts, ("in_review", Local(2026, 3, 7, 10))), Local(2026, 3, 10));
        Assert.Equal(EndOf(2026, 3, 16), afterwards.Single(DeadlineKind.StatutoryResponse).DueAt);
        Assert.Equal(new ClaimDeadline(DeadlineKind.SlaResolution, "sla:standard:resolution", EndOf(2026, 3, 19), DeadlineState.Running),
            afterwards.Single(DeadlineKind.SlaResolution));
    }

    [Fact]
    public void A_statutory_deadline_is_breached_while_the_claim_still_waits_for_the_customer()
    {
        var facts = Waiting(Claim(Local(2026, 3, 2, 10)), ("waiting_for_customer", Local(2026, 3, 4, 10)));

        var deadlines = Defaults.Compute(facts, Local(2026, 3, 17, 8));

        Assert.Equal(DeadlineState.Breached, deadlines.Single(DeadlineKind.StatutoryResponse).State);
        Assert.Equal(DeadlineState.Paused, deadlines.Single(DeadlineKind.SlaResolution).State);
    }

    [Fact]
    public void A_working_day_target_moves_out_by_the_working_days_spent_waiting()
    {
        // Received Monday, due Thursday; waiting Wednesday 00:00 to Monday 00:00 stops three working days.
        var facts = Waiting(Vip(Local(2026, 3, 2, 10)),
            ("waiting_for_customer", Local(2026, 3, 4, 0)), ("in_review", Local(2026, 3, 9, 0)));

        Assert.Equal(EndOf(2026, 3, 5), Defaults.Compute(Vip(Local(2026, 3, 2, 10)), Local(2026, 3, 3)).Single(DeadlineKind.SlaResolution).DueAt);
        Assert.Equal(EndOf(2026, 3, 10), Defaults.Compute(facts, Local(2026, 3, 9, 8)).Single(DeadlineKind.SlaResolution).DueAt);
    }

    [Fact]
    public void Waiting_over_a_weekend_does_not_move_a_working_day_target()
    {
        var facts = Waiting(Vip(Local(2026, 3, 5, 10)),
            ("waiting_for_goods", Local(2026, 3, 7, 0)), ("in_diagnosis", Local(2026, 3, 9, 0)));

        Assert.Equal(EndOf(2026, 3, 10), Defaults.Compute(facts, Local(2026, 3, 9, 8)).Single(DeadlineKind.SlaResolution).DueAt);
    }

    [Fact]
    public void Waiting_that_begins_after_the_SLA_ran_out_does_not_revive_it()
    {
        var facts = Waiting(Claim(Local(2026, 3, 2, 10)), ("waiting_for_customer", Local(2026, 3, 20)));

        var deadline = Defaults.Compute(facts, Local(2026, 3, 25)).Single(DeadlineKind.SlaResolution);

        Assert.Equal(EndOf(2026, 3, 16), deadline.DueAt);
        Assert.Equal(DeadlineState.Breached, deadline.State);
    }

    [Fact]
    public void Hour_working_day_and_calendar_day_targets_each_move_out_by_the_time_spent_waiting()
    {
        // Two hours waiting for goods on a working day (Monday 12:00–14:00).
        var facts = Waiting(Claim(Local(2026, 3, 2, 10)) with { CustomerTier = "partner" },
            ("waiting_for_goods", Local(2026, 3, 2, 12)), ("in_diagnosis", Local(2026, 3, 2, 14)));

        var deadlines = Calculator(Partners).Compute(facts, Local(2026, 3, 3));

        Assert.Equal(new ClaimDeadline(DeadlineKind.SlaFirstResponse, "sla:partners:first_response", Local(2026, 3, 2, 20), DeadlineState.Breached),
            deadlines.Single(DeadlineKind.SlaFirstResponse));
        Assert.Equal(EndOf(2026, 3, 4).AddHours(2), deadlines.Single(DeadlineKind.SlaDecision).DueAt);
        Assert.Equal(EndOf(2026, 3, 12).AddHours(2), deadlines.Single(DeadlineKind.SlaResolution).DueAt);
    }

    [Fact]
    public void Each_SLA_target_is_met_or_breached_by_its_own_event()
    {
        var facts = Claim(Local(2026, 3, 2, 10)) with
        {
            CustomerTier = "partner",
            FirstResponseAt = Local(2026, 3, 2, 17, 59),
            DecidedAt = Local(2026, 3, 5, 9),
        };

        var deadlines = Calculator(Partners).Compute(facts, Local(2026, 3, 6));

        Assert.Equal(DeadlineState.Met, deadlines.Single(DeadlineKind.SlaFirstResponse).State);
        Assert.Equal(DeadlineState.Breached, deadlines.Single(DeadlineKind.SlaDecision).State);
        Assert.Equal(DeadlineState.Running, deadlines.Single(DeadlineKind.SlaResolution).State);
    }

    [Fact]
    public void A_VIP_resolution_on_the_due_day_is_met_and_the_day_after_is_breached()
    {
        var facts = Vip(Local(2026, 12, 23, 10));

        Assert.Equal(DeadlineState.Met,
            Defaults.Compute(facts with { ResolvedAt = Local(2026, 12, 30, 18) }, Local(2027, 1, 7)).Single(DeadlineKind.SlaResolution).State);
        Assert.Equal(DeadlineState.Breached,
            Defaults.Compute(facts with { ResolvedAt = Local(2026, 12, 31, 9) }, Local(2027, 1, 7)).Single(DeadlineKind.SlaResolution).State);
    }

    [Theory]
    [InlineData("VIP", "sla:VIP:resolution")]
    [InlineData("vip", "sla:VIP:resolution")]
    [InlineData("gold", "sla:standard:resolution")]
    [InlineData(null, "sla:standard:resolution")]
    public void The_first_matching_policy_by_order_applies(string? tier, string expected)
    {
        var calculator = new DeadlineCalculator(Warsaw, [DefaultSlaPolicies.Standard, DefaultSlaPolicies.Vip]);

        var deadline = calculator.Compute(Claim(Local(2026, 3, 2)) with { CustomerTier = tier }, Local(2026, 3, 2)).Single(DeadlineKind.SlaResolution);

        Assert.Equal(expected, deadline.RuleId);
    }

    [Theory]
    [InlineData(2, ClaimCategory.Transport, LegalBasis.Conformity, true)]
    [InlineData(2, ClaimCategory.Quality, LegalBasis.Conformity, false)]
    [InlineData(3, ClaimCategory.Transport, LegalBasis.Conformity, false)]
    [InlineData(2, ClaimCategory.Transport, LegalBasis.Guarantee, false)]
    public void A_policy_matches_only_when_every_condition_it_gives_matches(
        int registerId, ClaimCategory category, LegalBasis legalBasis, bool matches)
    {
        var conditions = new SlaConditions { RegisterId = 2, Category = ClaimCategory.Transport, LegalBasis = LegalBasis.Conformity };
        var facts = Claim(Local(2026, 3, 2), legalBasis: legalBasis) with { RegisterId = registerId, Category = category, CustomerId = 7 };

        Assert.Equal(matches, conditions.Match(facts));
        Assert.True(new SlaConditions().Match(facts));
        Assert.Equal(matches, (conditions with { CustomerId = 7 }).Match(facts));
        Assert.False((conditions with { CustomerId = 8 }).Match(facts));
    }

    [Fact]
    public void Without_a_matching_policy_a_claim_has_no_SLA_deadlines()
    {
        var deadlines = Calculator(DefaultSlaPolicies.Vip).Compute(Claim(Local(2026, 3, 2), customerType: CustomerType.Business,
            legalBasis: LegalBasis.WarrantyB2b), Local(2026, 3, 2));

        Assert.Empty(deadlines);
    }
}
