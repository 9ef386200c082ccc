using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

public sealed class ClaimEditingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Actor Operator = new(Actor.UserKind, "u1", "olga", [StaffRole.Operator]);
    private static readonly Actor Manager = new(Actor.UserKind, "u3", "marta", [StaffRole.Manager]);
    private static readonly Workflow Workflow = DefaultWorkflows.Create().Single(r => r.Code == "complaints").Workflow;

    private static Claim NewClaim(int lines = 2)
    {
        var (draft, errors) = ClaimValidator.Validate(new ClaimInput
        {
            Contact = new ContactInput { Name = "Jan Kowalski", Email = "jan@exmaple.pl" },
            CustomerType = "consumer",
            LegalBasis = "conformity",
            RequestedRemedy = "repair",
            DeliveryMethod = "customer_ships",
            Lines = [.. Enumerable.Range(1, lines).Select(i => new ClaimLineInput
            {
                ProductName = $"Product {i}", FaultDescription = "Broken", Quantity = 2, UnitPrice = 10m,
            })],
        }, Today);
        Assert.Empty(errors);
        var claim = Claim.Open(DefaultWorkflows.Create().Single(r => r.Code == "complaints"), draft!, "RMA-2026-000009", Now);
        claim.ClearEvents();
        return claim;
    }

    private static ClaimEditDraft Checked(Claim claim, ClaimEditInput edit)
    {
        var (draft, errors) = ClaimEditValidator.Validate(claim, RegisterKind.Complaints, null, edit, Today);
        Assert.Empty(errors);
        return draft!;
    }

    [Fact]
    public void Each_corrected_field_is_audited_with_its_old_and_new_value_and_raises_one_edit_event()
    {
        var claim = NewClaim();
        var log = new ChangeLog();
        var version = claim.Version;

        var outcome = claim.Edit(Workflow, Checked(claim, new ClaimEditInput
        {
            Contact = new ContactInput { Email = "jan@example.pl" },
            LegalBasis = "guarantee",
            Lines = [new LineEditInput(2, new ClaimLineInput { Quantity = 1, PurchaseDate = new DateOnly(2026, 10, 1) })],
        }), null, Operator, Now, log);

        Assert.True(outcome.Succeeded);
        Assert.Equal(
            [("contact.email", "jan@exmaple.pl", "jan@example.pl"), ("legalBasis", "conformity", "guarantee"),
             ("line 2 quantity", "2", "1"), ("line 2 purchaseDate", null, "2026-10-01")],
            log.Changes.Where(c => c.Action == "updated" && c.Field != "decision").Select(c => (c.Field!, c.OldValue, c.NewValue)));
        Assert.Equal("jan@example.pl", claim.ContactEmail);
        Assert.Equal(LegalBasis.Guarantee, claim.LegalBasis);
        Assert.Equal(30m, claim.Value);
        var edited = Assert.Single(claim.Events.OfType<ClaimEdited>());
        Assert.Equal(["contact.email", "legalBasis", "line 2 quantity", "line 2 purchaseDate"], edited.Fields);
        Assert.Equal(version + 1, claim.Version);
    }

    [Fact]
    public void An_edit_that_changes_nothing_records_and_raises_nothing()
    {
        var claim = NewClaim();
        var log = new ChangeLog();

        Assert.True(claim.Edit(Workflow, Checked(claim, new ClaimEditInput { Category = "quality", Contact = new ContactInput { Name = "Jan Kowalski" } }),
            null, Operator, Now, log).Succeeded);

        Assert.Empty(log.Changes);
        Assert.Empty(claim.Events);
    }

    [Fact]
    public void The_intakes_rules_check_an_edit_and_name_the_item_by_its_number()
    {
        var claim = NewClaim();

        var (draft, errors) = ClaimEditValidator.Validate(claim, RegisterKind.Complaints, null, new ClaimEditInput
        {
            Contact = new ContactInput { Email = "not an address", Phone = "" },
            Lines = [new LineEditInput(2, new ClaimLineInput { Quantity = 0 })],
            NewLines = [new ClaimLineInput { ProductName = "Cable" }],
        }, Today);

        Assert.Null(draft);
        Assert.Equal(["contact.email", "items[2].quantity", "newLines[0].faultDescription"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_withdrawn_item_stays_but_is_left_out_of_the_decision_and_the_value()
    {
        var claim = NewClaim();
        Assert.True(claim.DecideLine(Workflow, 1, LineDecision.Accepted, null, Operator, Now, new ChangeLog()).Succeeded);
        Assert.Equal(ClaimDecision.Pending, claim.Decision);
        var log = new ChangeLog();

        Assert.True(claim.Edit(Workflow, Checked(claim, new ClaimEditInput { Withdraw = [2] }), null, Operator, Now, log).Succeeded);

        Assert.Equal(2, claim.Lines.Count);
        Assert.Equal(Now, claim.Lines[1].WithdrawnAt);
        Assert.Equal(20m, claim.Value);
        Assert.Equal(ClaimDecision.Accepted, claim.Decision);
        Assert.Contains(log.Changes, c => c.Action == "withdrawn" && c.NewValue == "RMA-2026-000009-02");
        Assert.Contains(new LineWithdrawn(2), claim.Events);
        Assert.Contains(new ClaimDecided(ClaimDecision.Accepted), claim.Events);
        Assert.Equal(Refusal.Conflict, claim.DecideLine(Workflow, 2, LineDecision.Accepted, null, Operator, Now, new ChangeLog()).Refusal);
    }

    [Fact]
    public void The_last_item_that_counts_cannot_be_withdrawn()
    {
        var claim = NewClaim(lines: 1);

        var (draft, errors) = ClaimEditValidator.Validate(claim, RegisterKind.Complaints, null, new ClaimEditInput { Withdraw = [1] }, Today);

        Assert.Null(draft);
        Assert.Equal("items", Assert.Single(errors).Field);
    }

    [Fact]
    public void An_item_added_after_intake_is_numbered_on_and_reopens_the_decision()
    {
        var claim = NewClaim(lines: 1);
        Assert.True(claim.DecideLine(Workflow, 1, LineDecision.Accepted, null, Operator, Now, new ChangeLog()).Succeeded);

        Assert.True(claim.Edit(Workflow, Checked(claim, new ClaimEditInput
        {
            NewLines = [new ClaimLineInput { ProductName = "Charger", FaultDescription = "Dead", UnitPrice = 5m }],
        }), null, Operator, Now, new ChangeLog()).Succeeded);

        Assert.Equal("RMA-2026-000009-02", claim.Lines[1].ReferenceNumber);
        Assert.Equal(25m, claim.Value);
        Assert.Equal(ClaimDecision.Pending, claim.Decision);
        Assert.Contains(new LineAdded(2), claim.Events);
    }

    [Fact]
    public void In_a_decision_status_only_a_manager_changes_or_withdraws_a_decided_item_and_a_closed_claim_is_not_edited()
    {
        var claim = NewClaim();
        Assert.True(claim.MoveTo(Workflow, "accepted", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);
        var change = new ClaimEditInput { Lines = [new LineEditInput(1, new ClaimLineInput { SerialNumber = "SN-1" })] };

        Assert.Equal(Refusal.Forbidden, claim.Edit(Workflow, Checked(claim, change), null, Operator, Now, new ChangeLog()).Refusal);
        Assert.Equal(Refusal.Forbidden, claim.Edit(Workflow, Checked(claim, new ClaimEditInput { Withdraw = [2] }), null, Operator, Now, new ChangeLog()).Refusal);
        Assert.Null(claim.Lines[0].SerialNumber);
        // The claim's own facts stay open to correction.
        Assert.True(claim.Edit(Workflow, Checked(claim, new ClaimEditInput { Priority = "high" }), null, Operator, Now, new ChangeLog()).Succeeded);
        Assert.True(claim.Edit(Workflow, Checked(claim, change), null, Manager, Now, new ChangeLog()).Succeeded);
        Assert.Equal("SN-1", claim.Lines[0].SerialNumber);

        Assert.True(claim.MoveTo(Workflow, "in_resolution", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);
        Assert.True(claim.MoveTo(Workflow, "resolved", TransitionInput.Empty, Operator, Now, new ChangeLog()).Succeeded);
        Assert.True(claim.MoveTo(Workflow, "closed", TransitionInput.Empty, Manager, Now, new ChangeLog()).Succeeded);
        var closed = claim.Edit(Workflow, Checked(claim, new ClaimEditInput { Priority = "low" }), null, Manager, Now, new ChangeLog());
        Assert.Equal(Refusal.Conflict, closed.Refusal);
        Assert.Equal("The claim is closed; it can no longer be edited.", closed.Message);
    }

    [Fact]
    public void A_stale_version_is_refused()
    {
        var claim = NewClaim();

        Assert.True(claim.CheckVersion(claim.Version).Succeeded);
        Assert.True(claim.CheckVersion(null).Succeeded);
        Assert.Equal(Refusal.Conflict, claim.CheckVersion(claim.Version - 1).Refusal);
    }
}
