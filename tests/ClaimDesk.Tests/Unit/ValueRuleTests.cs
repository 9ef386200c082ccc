using System.Globalization;
using ClaimDesk.Core.Approvals;
using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

/// <summary>
/// The claim's value and cost total as conditions (issue 13): of assignment rules, SLA policies and approval rules,
/// which reserve a claim's acceptance (or rejection) above an amount for some roles.
/// </summary>
public sealed class ValueRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Operator = new(Actor.UserKind, "u1", "olga", [StaffRole.Operator]);
    private static readonly Actor Manager = new(Actor.UserKind, "u3", "marta", [StaffRole.Manager]);
    private static readonly Actor Administrator = new(Actor.UserKind, "u4", "admin", [StaffRole.Administrator]);

    private static Register Complaints() => DefaultWorkflows.Create().Single(r => r.Code == "complaints");

    /// <summary>A claim of two items worth <paramref name="unitPrice"/> each.</summary>
    private static Claim NewClaim(decimal unitPrice)
    {
        var input = new ClaimInput
        {
            Contact = new ContactInput { Name = "Jan Kowalski", Email = "jan@example.pl" },
            CustomerType = "consumer",
            LegalBasis = "conformity",
            RequestedRemedy = "repair",
            DeliveryMethod = "courier_pickup",
            PickupAddress = "ul. Długa 5\n00-001 Warszawa\nPolska",
            Lines = [.. Enumerable.Range(1, 2).Select(i => new ClaimLineInput
            {
                ProductName = $"Product {i}", FaultDescription = "Broken", Quantity = 1, UnitPrice = unitPrice,
            })],
        };
        var (draft, errors) = ClaimValidator.Validate(input, new DateOnly(2026, 11, 25));
        Assert.Empty(errors);
        return Claim.Open(Complaints(), draft!, "RMA-2026-000007", Now);
    }

    private static ApprovalRule BigClaims(decimal above = 5000m) => new()
    {
        Id = 1, Name = "Big claims", ValueAbove = above, Decision = ApprovalDecision.Acceptance, Roles = [StaffRole.Manager],
    };

    private static ApprovalFacts Facts(Claim claim, decimal costTotal = 0m) => new(claim.RegisterId, claim.Value, costTotal);

    [Theory]
    [InlineData(2500.00, false)]
    [InlineData(2500.01, true)]
    public void An_assignment_rule_with_a_value_condition_picks_only_claims_worth_more(double unitPrice, bool picked)
    {
        var claim = NewClaim((decimal)unitPrice);
        var rules = new[]
        {
            new AssignmentRule { Id = 1, Order = 1, Name = "Big", ValueAbove = 5000m, UserId = "manager" },
            new AssignmentRule { Id = 2, Order = 2, Name = "Everyone else", UserId = "operator" },
        };

        var chosen = AssignmentRule.Choose(rules, new AssignmentFacts(claim.RegisterId, claim.Category, null, []) { Value = claim.Value });

        Assert.Equal(picked ? "Big" : "Everyone else", chosen!.Name);
    }

    [Fact]
    public void An_assignment_rule_with_a_cost_total_condition_holds_only_above_it()
    {
        var rule = new AssignmentRule { Name = "Costly", CostTotalAbove = 300m, UserId = "manager" };
        var facts = new AssignmentFacts(1, ClaimCategory.Quality, null, []) { Value = 10_000m, CostTotal = 300m };

        Assert.False(rule.Matches(facts));
        Assert.True(rule.Matches(facts with { CostTotal = 300.01m }));
    }

    [Fact]
    public void An_SLA_policy_with_a_value_condition_applies_to_claims_worth_more_and_the_next_policy_to_the_others()
    {
        var big = new SlaPolicy { Name = "Big claims", Order = 5, Conditions = new SlaConditions { ValueAbove = 5000m }, Resolution = DeadlinePeriod.WorkingDays(5) };
        var costly = new SlaPolicy { Name = "Costly", Order = 6, Conditions = new SlaConditions { CostTotalAbove = 1000m }, Resolution = DeadlinePeriod.WorkingDays(7) };
        SlaPolicy[] policies = [big, costly, DefaultSlaPolicies.Standard];
        var facts = new DeadlineFacts
        {
            Jurisdiction = Jurisdiction.Pl, CustomerType = CustomerType.Business, LegalBasis = LegalBasis.WarrantyB2b,
            RegisterKind = RegisterKind.Complaints, ReceivedAt = Now, Value = 5000m,
        };

        Assert.Equal("standard", SlaPolicy.Choose(policies, facts)!.Name);
        Assert.Equal("Big claims", SlaPolicy.Choose(policies, facts with { Value = 5000.01m })!.Name);
        Assert.Equal("Costly", SlaPolicy.Choose(policies, facts with { CostTotal = 1200m })!.Name);
    }

    [Fact]
    public void An_operator_moving_a_claim_worth_more_than_the_rule_to_accepted_is_refused_with_the_amount_the_roles_and_the_rule()
    {
        var claim = NewClaim(2600m);
        var workflow = Complaints().Workflow;
        var decisions = ApprovalRule.DecisionsOfMove(claim, workflow, "accepted", TransitionInput.Empty, Operator);

        var refused = ApprovalRule.Check([BigClaims()], Facts(claim), decisions, Operator, "to", "PLN");

        Assert.Equal(Refusal.Forbidden, refused.Refusal);
        Assert.Equal("to", refused.Field);
        Assert.Equal([StaffRole.Manager], refused.Allowed);
        Assert.Equal("Claims worth more than 5,000.00 PLN can be accepted only by: Manager (rule 'Big claims').",
            string.Format(CultureInfo.GetCultureInfo("en"), refused.Message, refused.Arguments));
    }

    [Fact]
    public void A_manager_or_an_administrator_may_accept_it_and_an_operator_may_accept_a_claim_worth_no_more_than_the_rule()
    {
        var workflow = Complaints().Workflow;
        var big = NewClaim(2600m);
        var small = NewClaim(2500m);

        foreach (var actor in new[] { Manager, Administrator, Actor.System })
        {
            var decisions = ApprovalRule.DecisionsOfMove(big, workflow, "accepted", TransitionInput.Empty, actor);
            Assert.True(ApprovalRule.Check([BigClaims()], Facts(big), decisions, actor, "to", "PLN").Succeeded, actor.Name);
        }

        var operatorDecisions = ApprovalRule.DecisionsOfMove(small, workflow, "accepted", TransitionInput.Empty, Operator);
        Assert.True(ApprovalRule.Check([BigClaims()], Facts(small), operatorDecisions, Operator, "to", "PLN").Succeeded);
    }

    [Fact]
    public void Accepting_an_item_is_an_acceptance_but_moving_without_a_decision_or_rejecting_is_not()
    {
        var claim = NewClaim(2600m);
        var workflow = Complaints().Workflow;

        Assert.Equal([ApprovalDecision.Acceptance], ApprovalRule.DecisionsOfLine(claim, workflow, 1, LineDecision.Accepted));
        Assert.Equal([ApprovalDecision.Rejection], ApprovalRule.DecisionsOfLine(claim, workflow, 1, LineDecision.Rejected));
        Assert.Empty(ApprovalRule.DecisionsOfMove(claim, workflow, "in_review", TransitionInput.Empty, Operator));
        var withLine = new TransitionInput(new Dictionary<string, string?>(), [new LineDecisionInput(2, LineDecision.Accepted, null)]);
        Assert.Equal([ApprovalDecision.Acceptance], ApprovalRule.DecisionsOfMove(claim, workflow, "in_review", withLine, Operator));

        var rejected = ApprovalRule.DecisionsOfMove(claim, workflow, "rejected", new TransitionInput(
            new Dictionary<string, string?> { ["reason"] = "Misuse" }, []), Operator);
        Assert.Equal([ApprovalDecision.Rejection], rejected);
        Assert.True(ApprovalRule.Check([BigClaims()], Facts(claim), rejected, Operator, "to", "PLN").Succeeded);
    }

    [Fact]
    public void A_move_the_workflow_or_the_role_does_not_allow_is_left_to_the_claim_to_refuse()
    {
        var claim = NewClaim(2600m);
        var workflow = Complaints().Workflow;
        var technician = new Actor(Actor.UserKind, "u2", "tomek", [StaffRole.Technician]);

        Assert.Empty(ApprovalRule.DecisionsOfMove(claim, workflow, "closed", TransitionInput.Empty, Operator));
        Assert.Empty(ApprovalRule.DecisionsOfMove(claim, workflow, "accepted", TransitionInput.Empty, technician));
    }

    [Fact]
    public void A_rule_of_another_register_a_rule_turned_off_and_a_rule_about_rejections_do_not_hold_an_acceptance_back()
    {
        var claim = NewClaim(2600m);
        var decisions = new HashSet<ApprovalDecision> { ApprovalDecision.Acceptance };
        ApprovalRule[] rules =
        [
            new() { Id = 1, Name = "Other register", RegisterId = claim.RegisterId + 1, ValueAbove = 100m, Roles = [StaffRole.Manager] },
            new() { Id = 2, Name = "Off", Enabled = false, ValueAbove = 100m, Roles = [StaffRole.Manager] },
            new() { Id = 3, Name = "Rejections", ValueAbove = 100m, Decision = ApprovalDecision.Rejection, Roles = [StaffRole.Manager] },
        ];

        Assert.True(ApprovalRule.Check(rules, Facts(claim), decisions, Operator, "to", "PLN").Succeeded);
    }

    [Fact]
    public void A_cost_total_rule_names_the_costs_and_holds_only_above_them()
    {
        var claim = NewClaim(10m);
        var rule = new ApprovalRule { Id = 4, Name = "Costly", CostTotalAbove = 800m, Roles = [StaffRole.Manager] };
        var decisions = new HashSet<ApprovalDecision> { ApprovalDecision.Acceptance };

        Assert.True(ApprovalRule.Check([rule], Facts(claim, costTotal: 800m), decisions, Operator, "decision", "CZK").Succeeded);
        var refused = ApprovalRule.Check([rule], Facts(claim, costTotal: 950m), decisions, Operator, "decision", "CZK");
        Assert.Equal("Claims whose costs total more than 800.00 CZK can be accepted only by: Manager (rule 'Costly').",
            string.Format(CultureInfo.GetCultureInfo("en"), refused.Message, refused.Arguments));
    }
}
