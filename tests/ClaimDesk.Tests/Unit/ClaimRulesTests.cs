using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

public sealed class ClaimRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Operator = new(Actor.UserKind, "u1", "olga", [StaffRole.Operator]);
    private static readonly Actor Technician = new(Actor.UserKind, "u2", "tomek", [StaffRole.Technician]);
    private static readonly Actor Manager = new(Actor.UserKind, "u3", "marta", [StaffRole.Manager]);
    private static readonly Actor Administrator = new(Actor.UserKind, "u4", "admin", [StaffRole.Administrator]);

    private static Register Complaints() => DefaultWorkflows.Create().Single(r => r.Code == "complaints");

    private static Claim NewClaim(int lines = 2)
    {
        var input = new ClaimInput
        {
            Contact = new ContactInput { Name = "Jan Kowalski", Email = "jan@example.pl" },
            CustomerType = "consumer",
            LegalBasis = "conformity",
            RequestedRemedy = "repair",
            DeliveryMethod = "courier_pickup",
            PickupAddress = "ul. Długa 5\n00-001 Warszawa\nPolska",
            Lines = [.. Enumerable.Range(1, lines).Select(i => new ClaimLineInput
            {
                ProductName = $"Product {i}", FaultDescription = "Broken", Quantity = 2, UnitPrice = 10.5m,
            })],
        };
        var (draft, errors) = ClaimValidator.Validate(input, new DateOnly(2026, 11, 25));
        Assert.Empty(errors);
        var claim = Claim.Open(Complaints(), draft!, "RMA-2026-000007", Now);
        return claim;
    }

    private static TransitionInput Reason(string reason) => new(new Dictionary<string, string?> { ["reason"] = reason }, []);

    [Theory]
    [InlineData(new LineDecision[] { }, ClaimDecision.Pending)]
    [InlineData(new[] { LineDecision.Pending, LineDecision.Accepted }, ClaimDecision.Pending)]
    [InlineData(new[] { LineDecision.Accepted, LineDecision.Accepted }, ClaimDecision.Accepted)]
    [InlineData(new[] { LineDecision.Rejected }, ClaimDecision.Rejected)]
    [InlineData(new[] { LineDecision.Accepted, LineDecision.Rejected }, ClaimDecision.PartiallyAccepted)]
    public void The_claim_decision_follows_from_the_line_decisions(LineDecision[] lines, ClaimDecision expected) =>
        Assert.Equal(expected, Claim.Derive(lines));

    [Fact]
    public void A_new_claim_starts_in_the_first_visible_initial_status_with_numbered_lines_and_its_value()
    {
        var claim = NewClaim();

        Assert.Equal("new", claim.Status);
        Assert.Equal(["RMA-2026-000007-01", "RMA-2026-000007-02"], claim.Lines.Select(l => l.ReferenceNumber));
        Assert.Equal(42m, claim.Value);
        Assert.Equal(ClaimDecision.Pending, claim.Decision);
    }

    [Fact]
    public void A_transition_the_workflow_lacks_is_refused_naming_the_allowed_ones()
    {
        var claim = NewClaim();

        var outcome = claim.MoveTo(Complaints().Workflow, "resolved", TransitionInput.Empty, Operator, Now, new ChangeLog());

        Assert.Equal(Refusal.NotInWorkflow, outcome.Refusal);
        Assert.Contains("in_review", outcome.Allowed);
        Assert.Equal("new", claim.Status);
    }

    [Fact]
    public void A_role_the_transition_does_not_allow_is_refused()
    {
        var claim = NewClaim();

        var outcome = claim.MoveTo(Complaints().Workflow, "accepted", TransitionInput.Empty, Technician, Now, new ChangeLog());

        Assert.Equal(Refusal.Forbidden, outcome.Refusal);
        Assert.Equal("new", claim.Status);
    }

    [Fact]
    public void A_rejection_without_a_reason_is_refused_naming_the_field()
    {
        var claim = NewClaim();

        var outcome = claim.MoveTo(Complaints().Workflow, "rejected", TransitionInput.Empty, Operator, Now, new ChangeLog());

        Assert.Equal(Refusal.Invalid, outcome.Refusal);
        Assert.Equal("reason", outcome.Field);
        Assert.All(claim.Lines, l => Assert.Equal(LineDecision.Pending, l.Decision));
    }

    [Fact]
    public void Rejecting_the_claim_rejects_every_pending_line_with_the_reason_and_records_it()
    {
        var claim = NewClaim();
        var log = new ChangeLog();

        var outcome = claim.MoveTo(Complaints().Workflow, "rejected", Reason("Mechanical damage"), Operator, Now, log);

        Assert.True(outcome.Succeeded);
        Assert.Equal("rejected", claim.Status);
        Assert.Equal(ClaimDecision.Rejected, claim.Decision);
        Assert.All(claim.Lines, l => Assert.Equal("Mechanical damage", l.DecisionReason));
        Assert.Equal(Now, claim.DecidedAt);
        Assert.Contains(log.Changes, c => c is { Action: "status_changed", Field: "status", OldValue: "new", NewValue: "rejected" });
        Assert.Contains(log.Changes, c => c is { Field: "decision", OldValue: "pending", NewValue: "rejected" });
    }

    [Fact]
    public void Accepting_the_claim_accepts_the_pending_lines_and_keeps_the_rejected_ones()
    {
        var claim = NewClaim();
        var workflow = Complaints().Workflow;
        Assert.True(claim.DecideLine(workflow, 2, LineDecision.Rejected, "No fault found", Operator, Now, new ChangeLog()).Succeeded);

        Assert.True(claim.MoveTo(workflow, "accepted", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);

        Assert.Equal(ClaimDecision.PartiallyAccepted, claim.Decision);
        Assert.Equal([LineDecision.Accepted, LineDecision.Rejected], claim.Lines.Select(l => l.Decision));
    }

    [Fact]
    public void The_claim_raises_what_it_did_a_move_a_decision_and_entering_the_closed_statuses_once()
    {
        var claim = NewClaim();
        var workflow = Complaints().Workflow;
        Assert.Equal<ClaimEvent>([new ClaimOpened(), new ClaimBecameVisible()], claim.Events);
        claim.ClearEvents();

        Assert.True(claim.DecideLine(workflow, 2, LineDecision.Rejected, "No fault found", Operator, Now, new ChangeLog()).Succeeded);
        // One line of two decided: the claim's decision is still pending.
        Assert.Equal<ClaimEvent>([new LineDecided(2, LineDecision.Rejected)], claim.Events);
        claim.ClearEvents();

        Assert.True(claim.MoveTo(workflow, "accepted", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);
        Assert.Equal<ClaimEvent>(
            [new LineDecided(1, LineDecision.Accepted), new ClaimDecided(ClaimDecision.PartiallyAccepted), new ClaimStatusChanged("new", "accepted")],
            claim.Events);
        claim.ClearEvents();

        Assert.True(claim.MoveTo(workflow, "in_resolution", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);
        Assert.True(claim.MoveTo(workflow, "resolved", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);
        Assert.True(claim.MoveTo(workflow, "closed", TransitionInput.Empty, Manager, Now, new ChangeLog()).Succeeded);
        Assert.Equal<ClaimEvent>(
            [new ClaimStatusChanged("accepted", "in_resolution"), new ClaimStatusChanged("in_resolution", "resolved"), new ClaimClosed(),
             new ClaimStatusChanged("resolved", "closed")],
            claim.Events);

        Assert.False(claim.MoveTo(workflow, "accepted", TransitionInput.Empty, Manager, Now, new ChangeLog()).Succeeded);
        Assert.Equal(4, claim.Events.Count); // a refused move raises nothing
    }

    [Fact]
    public void An_operator_cannot_change_a_final_decision_but_a_manager_can()
    {
        var claim = NewClaim(lines: 1);
        var workflow = Complaints().Workflow;
        Assert.True(claim.MoveTo(workflow, "rejected", Reason("Misuse"), Operator, Now, new ChangeLog()).Succeeded);
        var overturn = new TransitionInput(new Dictionary<string, string?> { ["reason"] = "New evidence" },
            [new LineDecisionInput(1, LineDecision.Accepted, null)]);

        Assert.Equal(Refusal.Forbidden, claim.MoveTo(workflow, "accepted", overturn, Operator, Now, new ChangeLog()).Refusal);
        Assert.Equal(Refusal.Forbidden, claim.DecideLine(workflow, 1, LineDecision.Accepted, null, Operator, Now, new ChangeLog()).Refusal);
        Assert.Equal("rejected", claim.Status);

        Assert.True(claim.MoveTo(workflow, "accepted", overturn, Manager, Now, new ChangeLog()).Succeeded);
        Assert.Equal(ClaimDecision.Accepted, claim.Decision);
    }

    [Fact]
    public void The_final_decision_rule_holds_even_if_an_administrator_opens_the_transition_to_operators()
    {
        var register = Complaints();
        register.Transitions.Single(t => t.FromStatus == "rejected" && t.ToStatus == "accepted").AllowedRoles.Add(StaffRole.Operator);
        var claim = NewClaim(lines: 1);
        Assert.True(claim.MoveTo(register.Workflow, "rejected", Reason("Misuse"), Operator, Now, new ChangeLog()).Succeeded);

        var outcome = claim.MoveTo(register.Workflow, "accepted", Reason("Changed my mind"), Operator, Now, new ChangeLog());

        Assert.Equal(Refusal.Forbidden, outcome.Refusal);
    }

    [Fact]
    public void A_line_rejection_needs_a_reason_and_a_closed_claim_is_not_decided_again()
    {
        var claim = NewClaim(lines: 1);
        var workflow = Complaints().Workflow;

        Assert.Equal("reason", claim.DecideLine(workflow, 1, LineDecision.Rejected, " ", Operator, Now, new ChangeLog()).Field);
        Assert.Equal(Refusal.NotFound, claim.DecideLine(workflow, 5, LineDecision.Accepted, null, Operator, Now, new ChangeLog()).Refusal);

        Assert.True(claim.MoveTo(workflow, "cancelled", Reason("Withdrawn by the customer"), Operator, Now, new ChangeLog()).Succeeded);
        Assert.Equal(Now, claim.ClosedAt);
        Assert.Equal(Refusal.Conflict, claim.DecideLine(workflow, 1, LineDecision.Accepted, null, Manager, Now, new ChangeLog()).Refusal);
    }

    [Fact]
    public void Only_an_administrator_deletes_and_only_softly()
    {
        var claim = NewClaim();
        var log = new ChangeLog();

        Assert.Equal(Refusal.Forbidden, claim.Delete(Operator, Now, log).Refusal);
        Assert.Equal(Refusal.Forbidden, claim.Delete(Technician, Now, log).Refusal);
        Assert.Equal(Refusal.Forbidden, claim.Delete(Manager, Now, log).Refusal);
        Assert.False(claim.IsDeleted);

        Assert.True(claim.Delete(Administrator, Now, log).Succeeded);
        Assert.True(claim.IsDeleted);
        Assert.Contains(log.Changes, c => c.Action == "deleted");
    }

    [Fact]
    public void Staff_take_a_claim_themselves_but_only_managers_assign_it_to_someone_else()
    {
        var claim = NewClaim();
        var log = new ChangeLog();

        Assert.Equal(Refusal.Forbidden, claim.Assign("u2", "tomek", null, Operator, Now, log).Refusal);
        Assert.True(claim.Assign("u1", "olga", null, Operator, Now, log).Succeeded);
        Assert.Equal("u1", claim.AssigneeId);
        Assert.Equal(Refusal.Forbidden, claim.Assign(null, null, "olga", Technician, Now, log).Refusal);
        Assert.True(claim.Assign("u2", "tomek", "olga", Manager, Now, log).Succeeded);
        Assert.True(claim.Assign(null, null, "tomek", Technician with { Id = "u2" }, Now, log).Succeeded);

        Assert.Null(claim.AssigneeId);
        Assert.Equal([(null, "olga"), ("olga", "tomek"), ("tomek", null)],
            log.Changes.Where(c => c.Action == "assigned").Select(c => (c.OldValue, c.NewValue)));
    }

    [Fact]
    public void Every_change_raises_the_version_for_optimistic_concurrency()
    {
        var claim = NewClaim();
        var before = claim.Version;

        claim.MoveTo(Complaints().Workflow, "in_review", TransitionInput.Empty, Operator, Now, new ChangeLog());

        Assert.Equal(before + 1, claim.Version);
    }

    [Theory]
    [InlineData(Channel.InPerson, "in_person")]
    [InlineData(LegalBasis.WarrantyB2b, "warranty_b2b")]
    [InlineData(ClaimDecision.PartiallyAccepted, "partially_accepted")]
    [InlineData(DeliveryMethod.CourierPickup, "courier_pickup")]
    public void Codes_are_the_snake_case_names_of_design_section_2(object value, string code)
    {
        var method = typeof(Codes).GetMethod(nameof(Codes.Of))!.MakeGenericMethod(value.GetType());
        Assert.Equal(code, method.Invoke(null, [value]));
    }

    [Fact]
    public void The_validator_reports_every_problem_by_field_at_once()
    {
        var input = new ClaimInput
        {
            Channel = "fax",
            Contact = new ContactInput { Name = "", Email = "not-an-email" },
            CustomerType = "consumer",
            LegalBasis = "conformity",
            RequestedRemedy = "repair",
            DeliveryMethod = "courier_pickup",
            PickupAddress = "ul. Długa 5\n00-001 Warszawa\nPolska",
            Lines = [new ClaimLineInput { ProductName = "X", FaultDescription = "Y", Quantity = -1, PurchaseDate = new DateOnly(2030, 1, 1) }],
        };

        var (draft, errors) = ClaimValidator.Validate(input, new DateOnly(2026, 11, 25));

        Assert.Null(draft);
        Assert.Equal(["channel", "contact.email", "contact.name", "lines[0].purchaseDate", "lines[0].quantity"],
            errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_is_kept_verbatim_but_not_beyond_its_limit()
    {
        var hostile = "'; DROP TABLE claims; -- <script>alert(1)</script>";
        var input = new ClaimInput
        {
            Contact = new ContactInput { Name = hostile, Phone = "+48 600 100 200" },
            CustomerType = "consumer", LegalBasis = "conformity", RequestedRemedy = "repair", DeliveryMethod = "drop_off",
            Description = new string('x', ClaimLimits.LongText + 1),
            Lines = [new ClaimLineInput { ProductName = hostile, FaultDescription = hostile }],
        };

        var (_, errors) = ClaimValidator.Validate(input, new DateOnly(2026, 11, 25));
        Assert.Equal("description", Assert.Single(errors).Field);

        var (draft, _) = ClaimValidator.Validate(input with { Description = hostile }, new DateOnly(2026, 11, 25));
        Assert.Equal(hostile, draft!.ContactName);
        Assert.Equal(hostile, draft.Lines[0].FaultDescription);
    }
}
