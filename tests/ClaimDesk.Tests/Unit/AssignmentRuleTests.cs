using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Claims;

namespace ClaimDesk.Tests.Unit;

public sealed class AssignmentRuleTests
{
    private static AssignmentFacts Facts(ClaimCategory category = ClaimCategory.Quality, string? tier = "standard", params string[] groups) =>
        new(1, category, tier, groups);

    [Fact]
    public void The_first_rule_by_order_whose_conditions_all_hold_is_chosen()
    {
        AssignmentRule[] rules =
        [
            new() { Id = 1, Order = 20, Name = "everything", UserId = "general" },
            new() { Id = 2, Order = 10, Name = "vip transport", CustomerTier = "VIP", Category = ClaimCategory.Transport, UserId = "vip-desk" },
            new() { Id = 3, Order = 15, Name = "washing machines", ProductGroup = "pralki", TeamId = 7 },
            new() { Id = 4, Order = 1, Name = "off", Enabled = false, UserId = "nobody" },
            new() { Id = 5, Order = 5, Name = "other register", RegisterId = 2, UserId = "elsewhere" },
        ];

        Assert.Equal("vip-desk", AssignmentRule.Choose(rules, Facts(ClaimCategory.Transport, "vip"))!.UserId);
        Assert.Equal(7, AssignmentRule.Choose(rules, Facts(ClaimCategory.Transport, "standard", "Pralki", "suszarki"))!.TeamId);
        Assert.Equal("general", AssignmentRule.Choose(rules, Facts())!.UserId);
        Assert.Null(AssignmentRule.Choose(rules.Where(r => r.Id != 1), Facts()));
    }

    [Fact]
    public void A_team_hands_claims_to_its_active_members_in_turn()
    {
        var team = new Team { Members = ["ala", "bob", "cyd"] };
        HashSet<string> active = ["ala", "bob", "cyd"];

        Assert.Equal(["ala", "bob", "cyd", "ala"], Enumerable.Range(0, 4).Select(turn => team.MemberFor(turn, active)));
        Assert.Equal(["ala", "cyd", "ala"], Enumerable.Range(0, 3).Select(turn => team.MemberFor(turn, new HashSet<string> { "ala", "cyd" })));
        Assert.Null(team.MemberFor(0, new HashSet<string>()));
    }
}
