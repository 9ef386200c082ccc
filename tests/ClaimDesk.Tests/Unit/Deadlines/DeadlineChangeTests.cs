using ClaimDesk.Core.Deadlines;
using static ClaimDesk.Tests.Unit.Deadlines.DeadlineSetup;

namespace ClaimDesk.Tests.Unit.Deadlines;

/// <summary>Comparing a claim's deadlines before and after a recomputation, for the claim's history.</summary>
public sealed class DeadlineChangeTests
{
    private static readonly DeadlineCalculator Defaults = Calculator();

    [Fact]
    public void Becoming_a_VIP_customer_replaces_the_standard_SLA_and_leaves_the_statutory_deadline_alone()
    {
        var facts = Claim(Local(2026, 3, 2, 10));
        var before = Defaults.Compute(facts, Local(2026, 3, 3));
        var after = Defaults.Compute(facts with { CustomerTier = "vip" }, Local(2026, 3, 3));

        var changes = DeadlineChange.Between(before, after);

        Assert.Equal(
        [
            new DeadlineChange("sla:VIP:resolution", null, EndOf(2026, 3, 5), null, DeadlineState.Running),
            new DeadlineChange("sla:standard:resolution", EndOf(2026, 3, 16), null, DeadlineState.Running, null),
        ], changes);
    }

    [Fact]
    public void A_decision_in_time_is_reported_as_the_response_deadline_being_met()
    {
        var facts = Claim(Local(2026, 3, 2, 10));
        var before = Defaults.Compute(facts, Local(2026, 3, 3));
        var after = Defaults.Compute(facts with { DecidedAt = Local(2026, 3, 4) }, Local(2026, 3, 4));

        var change = Assert.Single(DeadlineChange.Between(before, after));

        Assert.Equal(new DeadlineChange("PL-CONS-RESP-2023", EndOf(2026, 3, 16), EndOf(2026, 3, 16), DeadlineState.Running, DeadlineState.Met), change);
    }

    [Fact]
    public void A_paused_clock_is_reported_when_it_pauses_and_when_it_resumes_not_while_it_drifts()
    {
        var waiting = Claim(Local(2026, 3, 2, 10)) with
        {
            Timeline = [new StatusEntered("new", Local(2026, 3, 2, 10)), new StatusEntered("waiting_for_customer", Local(2026, 3, 4, 10))],
        };
        var resumed = waiting with { Timeline = [.. waiting.Timeline, new StatusEntered("in_review", Local(2026, 3, 7, 10))] };
        var running = Defaults.Compute(waiting, Local(2026, 3, 4, 9));
        var pausedOneDay = Defaults.Compute(waiting, Local(2026, 3, 5, 10));
        var pausedTwoDays = Defaults.Compute(waiting, Local(2026, 3, 6, 10));
        var afterwards = Defaults.Compute(resumed, Local(2026, 3, 8));

        Assert.Equal([new DeadlineChange("sla:standard:resolution", EndOf(2026, 3, 16), EndOf(2026, 3, 17), DeadlineState.Running, DeadlineState.Paused)],
            DeadlineChange.Between(running, pausedOneDay));
        Assert.Empty(DeadlineChange.Between(pausedOneDay, pausedTwoDays));
        Assert.Equal([new DeadlineChange("sla:standard:resolution", EndOf(2026, 3, 18), EndOf(2026, 3, 19), DeadlineState.Paused, DeadlineState.Running)],
            DeadlineChange.Between(pausedTwoDays, afterwards));
    }

    [Fact]
    public void Recomputing_with_nothing_new_reports_no_change()
    {
        var facts = Claim(Local(2026, 3, 2, 10));

        Assert.Empty(DeadlineChange.Between(Defaults.Compute(facts, Local(2026, 3, 3)), Defaults.Compute(facts, Local(2026, 3, 4))));
    }
}
