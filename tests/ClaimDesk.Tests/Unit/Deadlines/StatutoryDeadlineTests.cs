using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;
using static ClaimDesk.Tests.Unit.Deadlines.DeadlineSetup;

namespace ClaimDesk.Tests.Unit.Deadlines;

/// <summary>The statutory deadlines of DOMAIN-RULES: PL-CONS-RESP-2023/2017, PL-GUAR, CZ-CONS-RESOLVE, none for B2B.</summary>
public sealed class StatutoryDeadlineTests
{
    private static readonly DeadlineCalculator Subject = new(Warsaw, []);

    private static IReadOnlyList<ClaimDeadline> Statutory(DeadlineFacts facts, DateTime now) =>
        [.. Subject.Compute(facts, now).Where(d => d.Kind is DeadlineKind.StatutoryResponse or DeadlineKind.StatutoryResolution)];

    [Fact]
    public void Polish_consumer_complaint_received_2026_12_20_is_due_for_response_on_2027_01_03()
    {
        var deadline = Assert.Single(Statutory(Claim(Local(2026, 12, 20, 15)), Local(2026, 12, 21)));

        Assert.Equal(new ClaimDeadline(DeadlineKind.StatutoryResponse, "PL-CONS-RESP-2023", EndOf(2027, 1, 3), DeadlineState.Running), deadline);
        Assert.Equal(new DateTime(2027, 1, 3, 22, 59, 59, 999, DateTimeKind.Utc), deadline.DueAt);
    }

    [Fact]
    public void Czech_consumer_complaint_made_on_Friday_2026_12_04_must_be_resolved_by_Monday_2027_01_04()
    {
        // Day 30 is Sunday 2027-01-03; the last day moves to the next working day.
        var facts = Claim(Local(2026, 12, 4, 9), Jurisdiction.Cz);

        var deadline = Assert.Single(Statutory(facts, Local(2026, 12, 5)));

        Assert.Equal(new ClaimDeadline(DeadlineKind.StatutoryResolution, "CZ-CONS-RESOLVE", EndOf(2027, 1, 4), DeadlineState.Running), deadline);
    }

    [Fact]
    public void Czech_resolution_due_on_a_working_day_does_not_move()
    {
        var deadline = Assert.Single(Statutory(Claim(Local(2026, 3, 2), Jurisdiction.Cz), Local(2026, 3, 2)));

        Assert.Equal(EndOf(2026, 4, 1), deadline.DueAt);
    }

    [Fact]
    public void Polish_response_due_on_a_holiday_does_not_move()
    {
        // 2026-12-12 + 14 = 2026-12-26, a holiday (Saturday too): computed without the shift, so never late.
        var deadline = Assert.Single(Statutory(Claim(Local(2026, 12, 12)), Local(2026, 12, 12)));

        Assert.Equal(EndOf(2026, 12, 26), deadline.DueAt);
    }

    [Fact]
    public void Polish_consumer_contract_from_2021_gets_30_days_to_respond()
    {
        var facts = Claim(Local(2023, 3, 1)) with { ContractDate = new DateOnly(2021, 6, 15) };

        var deadline = Assert.Single(Statutory(facts, Local(2023, 3, 1)));

        Assert.Equal("PL-CONS-RESP-2017", deadline.RuleId);
        Assert.Equal(EndOf(2023, 3, 31), deadline.DueAt);
    }

    [Theory]
    [InlineData("2022-12-31", null, "PL-CONS-RESP-2017")]
    [InlineData("2023-01-01", null, "PL-CONS-RESP-2023")]
    [InlineData(null, "2022-12-31", "PL-CONS-RESP-2017")]
    [InlineData("2023-01-01", "2022-12-31", "PL-CONS-RESP-2023")]
    [InlineData(null, null, "PL-CONS-RESP-2023")]
    public void The_contract_date_chooses_the_rule_version_then_the_purchase_date_then_the_receipt(
        string? contract, string? purchase, string expected)
    {
        var facts = Claim(Local(2023, 2, 1)) with
        {
            ContractDate = contract is null ? null : DateOnly.Parse(contract, System.Globalization.CultureInfo.InvariantCulture),
            PurchaseDate = purchase is null ? null : DateOnly.Parse(purchase, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(expected, Assert.Single(Statutory(facts, Local(2023, 2, 1))).RuleId);
    }

    [Theory]
    [InlineData(Jurisdiction.Pl, LegalBasis.WarrantyB2b)]
    [InlineData(Jurisdiction.Pl, LegalBasis.Conformity)]
    [InlineData(Jurisdiction.Cz, LegalBasis.WarrantyB2b)]
    [InlineData(Jurisdiction.Cz, LegalBasis.Conformity)]
    public void A_business_claim_has_no_statutory_deadline(Jurisdiction jurisdiction, LegalBasis legalBasis) =>
        Assert.Empty(Statutory(Claim(Local(2026, 3, 2), jurisdiction, CustomerType.Business, legalBasis), Local(2026, 3, 2)));

    [Theory]
    [InlineData(LegalBasis.Goodwill)]
    [InlineData(LegalBasis.PaidRepair)]
    public void Goodwill_and_paid_repairs_have_no_statutory_deadline(LegalBasis legalBasis) =>
        Assert.Empty(Statutory(Claim(Local(2026, 3, 2), legalBasis: legalBasis), Local(2026, 3, 2)));

    [Fact]
    public void A_PNPK_customer_gets_the_consumer_response_deadline_in_Poland_but_not_in_Czechia()
    {
        var received = Local(2026, 3, 2);

        var polish = Assert.Single(Statutory(Claim(received, Jurisdiction.Pl, CustomerType.Pnpk), received));
        Assert.Equal("PL-CONS-RESP-2023", polish.RuleId);
        Assert.Equal(EndOf(2026, 3, 16), polish.DueAt);
        Assert.Empty(Statutory(Claim(received, Jurisdiction.Cz, CustomerType.Pnpk), received));
    }

    [Theory]
    [InlineData(CustomerType.Consumer)]
    [InlineData(CustomerType.Business)]
    public void A_Polish_guarantee_claim_is_due_14_days_after_the_goods_are_received(CustomerType customerType)
    {
        var facts = Claim(Local(2026, 3, 2), customerType: customerType, legalBasis: LegalBasis.Guarantee);
        Assert.Empty(Statutory(facts, Local(2026, 3, 5)));

        var deadline = Assert.Single(Statutory(facts with { GoodsReceivedAt = Local(2026, 3, 10, 16) }, Local(2026, 3, 11)));

        Assert.Equal(new ClaimDeadline(DeadlineKind.StatutoryResolution, "PL-GUAR", EndOf(2026, 3, 24), DeadlineState.Running), deadline);
    }

    [Fact]
    public void The_day_of_receipt_is_the_local_date_in_the_organisations_time_zone()
    {
        // 23:30 UTC on 20 December is already 00:30 on 21 December in Warsaw.
        var deadline = Assert.Single(Statutory(Claim(new DateTime(2026, 12, 20, 23, 30, 0, DateTimeKind.Utc)), Local(2026, 12, 21)));

        Assert.Equal(EndOf(2027, 1, 4), deadline.DueAt);
    }

    [Fact]
    public void A_day_deadline_is_due_at_the_last_moment_of_the_local_day_in_summer_time()
    {
        var deadline = Assert.Single(Statutory(Claim(Local(2026, 3, 20)), Local(2026, 3, 20)));

        Assert.Equal(new DateTime(2026, 4, 3, 21, 59, 59, 999, DateTimeKind.Utc), deadline.DueAt);
    }

    [Theory]
    [InlineData(2027, 1, 3, 23, 30, DeadlineState.Met)]
    [InlineData(2027, 1, 4, 0, 1, DeadlineState.Breached)]
    public void A_decision_by_the_end_of_the_due_day_meets_the_response_deadline_and_a_later_one_breaches_it(
        int year, int month, int day, int hour, int minute, DeadlineState expected)
    {
        var facts = Claim(Local(2026, 12, 20)) with { DecidedAt = Local(year, month, day, hour, minute) };

        Assert.Equal(expected, Assert.Single(Statutory(facts, Local(2027, 2, 1))).State);
    }

    [Fact]
    public void An_unanswered_complaint_is_running_until_the_due_day_ends_and_breached_after()
    {
        var facts = Claim(Local(2026, 12, 20));

        Assert.Equal(DeadlineState.Running, Assert.Single(Statutory(facts, Local(2027, 1, 3, 23, 59))).State);
        Assert.Equal(DeadlineState.Breached, Assert.Single(Statutory(facts, Local(2027, 1, 4, 0, 0))).State);
    }

    [Fact]
    public void A_holding_reply_is_not_the_statutory_response()
    {
        var facts = Claim(Local(2026, 12, 20)) with { FirstResponseAt = Local(2026, 12, 21) };

        Assert.Equal(DeadlineState.Breached, Assert.Single(Statutory(facts, Local(2027, 1, 4))).State);
    }

    [Fact]
    public void A_claim_closed_before_the_due_time_has_met_its_deadlines()
    {
        var facts = Claim(Local(2026, 3, 2), Jurisdiction.Cz) with { ClosedAt = Local(2026, 3, 10) };

        Assert.Equal(DeadlineState.Met, Assert.Single(Statutory(facts, Local(2026, 6, 1))).State);
    }

    [Fact]
    public void Statutory_rules_never_pause()
    {
        Assert.All(StatutoryRules.All, r => Assert.False(r.CanPause));
        var pausing = StatutoryRules.PlConsumerResponse2023 with { CanPause = true };

        Assert.Throws<ArgumentException>(() => new DeadlineCalculator(Warsaw, [], [pausing]));
    }

    [Fact]
    public void The_Polish_response_rule_says_its_weekend_shift_is_uncertain()
    {
        Assert.True(StatutoryRules.PlConsumerResponse2023.Uncertain);
        Assert.False(StatutoryRules.PlConsumerResponse2023.ShiftsOffNonWorkingDay);
        Assert.False(StatutoryRules.CzConsumerResolution.Uncertain);
    }

    [Theory]
    [InlineData(2026, 12, 31, DeemedAcceptanceRisk.None)]
    [InlineData(2027, 1, 1, DeemedAcceptanceRisk.AtRisk)]
    [InlineData(2027, 1, 3, DeemedAcceptanceRisk.AtRisk)]
    [InlineData(2027, 1, 4, DeemedAcceptanceRisk.DeemedAccepted)]
    public void An_unanswered_Polish_consumer_complaint_is_at_risk_from_day_12_and_deemed_accepted_after_day_14(
        int year, int month, int day, DeemedAcceptanceRisk expected) =>
        Assert.Equal(expected, Subject.DeemedAcceptance(Claim(Local(2026, 12, 20)), Local(year, month, day, 8)));

    [Fact]
    public void Deemed_acceptance_risk_warns_from_the_configured_day_and_ends_with_a_timely_decision()
    {
        var facts = Claim(Local(2026, 12, 20));

        Assert.Equal(DeemedAcceptanceRisk.AtRisk, Subject.DeemedAcceptance(facts, Local(2026, 12, 30), warnFromDay: 10));
        Assert.Equal(DeemedAcceptanceRisk.None, Subject.DeemedAcceptance(facts, Local(2026, 12, 29), warnFromDay: 10));
        Assert.Equal(DeemedAcceptanceRisk.None, Subject.DeemedAcceptance(facts with { DecidedAt = Local(2027, 1, 2) }, Local(2027, 1, 2)));
        Assert.Equal(DeemedAcceptanceRisk.DeemedAccepted,
            Subject.DeemedAcceptance(facts with { DecidedAt = Local(2027, 1, 5) }, Local(2027, 1, 5)));
    }

    [Fact]
    public void Only_Polish_consumer_response_deadlines_carry_a_deemed_acceptance_risk()
    {
        var late = Local(2027, 2, 1);

        Assert.Equal(DeemedAcceptanceRisk.None, Subject.DeemedAcceptance(Claim(Local(2026, 12, 20), Jurisdiction.Cz), late));
        Assert.Equal(DeemedAcceptanceRisk.None,
            Subject.DeemedAcceptance(Claim(Local(2026, 12, 20), customerType: CustomerType.Business), late));
    }

    [Theory]
    [InlineData(RegisterKind.Supplier)]
    [InlineData(RegisterKind.Presale)]
    [InlineData(RegisterKind.Service)]
    public void Claims_outside_customer_complaints_get_no_statutory_deadline_and_no_deemed_acceptance(RegisterKind kind)
    {
        var facts = Claim(Local(2026, 12, 20), registerKind: kind);

        Assert.DoesNotContain(Subject.Compute(facts, Local(2026, 12, 21)), d => d.Kind is DeadlineKind.StatutoryResponse or DeadlineKind.StatutoryResolution);
        Assert.Equal(DeemedAcceptanceRisk.None, Subject.DeemedAcceptance(facts, Local(2027, 2, 1)));
        Assert.Contains(Subject.Compute(Claim(Local(2026, 12, 20)), Local(2026, 12, 21)), d => d.RuleId == "PL-CONS-RESP-2023");
    }
}
