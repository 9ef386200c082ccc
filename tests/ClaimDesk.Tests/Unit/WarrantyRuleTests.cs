using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Warranty;

namespace ClaimDesk.Tests.Unit;

public sealed class WarrantyRuleTests
{
    private static readonly DateOnly Delivered = new(2024, 3, 15);

    [Fact]
    public void A_Polish_consumer_is_covered_for_24_months_from_delivery_including_the_last_day()
    {
        var onTheLastDay = WarrantyRule.Assess(new WarrantyFacts(Delivered, null, CustomerType.Consumer, Jurisdiction.Pl, new DateOnly(2026, 3, 15)));
        var theDayAfter = WarrantyRule.Assess(new WarrantyFacts(Delivered, null, CustomerType.Consumer, Jurisdiction.Pl, new DateOnly(2026, 3, 16)));

        Assert.Equal(new DateOnly(2026, 3, 15), onTheLastDay.LiabilityEnd);
        Assert.Null(onTheLastDay.GuaranteeEnd);
        Assert.Equal(new DateOnly(2026, 3, 15), onTheLastDay.WarrantyEnd);
        Assert.True(onTheLastDay.UnderWarranty);
        Assert.False(theDayAfter.UnderWarranty);
    }

    [Fact]
    public void A_Czech_consumer_has_the_same_24_months_of_liability()
    {
        var assessment = WarrantyRule.Assess(new WarrantyFacts(Delivered, 12, CustomerType.Consumer, Jurisdiction.Cz, new DateOnly(2025, 9, 1)));

        Assert.Equal(new DateOnly(2026, 3, 15), assessment.LiabilityEnd);
        Assert.Equal(new DateOnly(2025, 3, 15), assessment.GuaranteeEnd);
        Assert.Equal(new DateOnly(2026, 3, 15), assessment.WarrantyEnd);
        Assert.True(assessment.UnderWarranty);
    }

    [Fact]
    public void A_longer_guarantee_than_the_statute_extends_the_warranty_end()
    {
        var assessment = WarrantyRule.Assess(new WarrantyFacts(Delivered, 36, CustomerType.Consumer, Jurisdiction.Pl, new DateOnly(2026, 12, 1)));

        Assert.Equal(new DateOnly(2027, 3, 15), assessment.WarrantyEnd);
        Assert.True(assessment.UnderWarranty);
    }

    [Fact]
    public void A_business_buyer_has_only_the_guarantee_and_nothing_to_tell_without_one()
    {
        var guaranteed = WarrantyRule.Assess(new WarrantyFacts(Delivered, 12, CustomerType.Business, Jurisdiction.Pl, new DateOnly(2025, 4, 1)));
        var noGuarantee = WarrantyRule.Assess(new WarrantyFacts(Delivered, null, CustomerType.Business, Jurisdiction.Pl, new DateOnly(2024, 4, 1)));

        Assert.Null(guaranteed.LiabilityEnd);
        Assert.Equal(new DateOnly(2025, 3, 15), guaranteed.WarrantyEnd);
        Assert.False(guaranteed.UnderWarranty);
        Assert.Null(noGuarantee.WarrantyEnd);
        Assert.Null(noGuarantee.UnderWarranty);
    }

    [Fact]
    public void A_PNPK_buyer_is_a_consumer_in_Poland_but_a_business_in_Czechia()
    {
        var claimed = new DateOnly(2025, 12, 1);
        Assert.True(WarrantyRule.Assess(new WarrantyFacts(Delivered, null, CustomerType.Pnpk, Jurisdiction.Pl, claimed)).UnderWarranty);
        Assert.Null(WarrantyRule.Assess(new WarrantyFacts(Delivered, null, CustomerType.Pnpk, Jurisdiction.Cz, claimed)).UnderWarranty);
    }

    [Fact]
    public void A_period_from_the_31st_ends_on_the_last_day_of_a_shorter_month()
    {
        var assessment = WarrantyRule.Assess(new WarrantyFacts(new DateOnly(2024, 8, 31), 6, CustomerType.Business, Jurisdiction.Pl, new DateOnly(2025, 2, 28)));

        Assert.Equal(new DateOnly(2025, 2, 28), assessment.WarrantyEnd);
        Assert.True(assessment.UnderWarranty);
    }

    [Fact]
    public void Without_a_delivery_date_the_warranty_state_is_unknown()
    {
        Assert.Equal(WarrantyAssessment.Unknown,
            WarrantyRule.Assess(new WarrantyFacts(null, 24, CustomerType.Consumer, Jurisdiction.Pl, new DateOnly(2026, 1, 1))));
    }
}
