using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

/// <summary>The work on a claim's items and its costs (issue 13): the remedy's facts, the audit field by field, the events, the totals.</summary>
public sealed class ItemWorkRulesTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Technician = new(Actor.UserKind, "u2", "tomek", [StaffRole.Technician]);
    private static readonly Actor Partner = new(Actor.UserKind, "u9", "partner", [StaffRole.Partner]);
    private static readonly Actor Administrator = new(Actor.UserKind, "u4", "admin", [StaffRole.Administrator]);
    private static readonly Register Complaints = DefaultWorkflows.Create().Single(r => r.Code == "complaints");
    private static Workflow Workflow => Complaints.Workflow;

    private static Claim NewClaim(int lines = 2)
    {
        var input = new ClaimInput
        {
            Contact = new ContactInput { Name = "Jan Kowalski", Email = "jan@example.pl" },
            CustomerType = "consumer",
            LegalBasis = "conformity",
            RequestedRemedy = "replacement",
            DeliveryMethod = "customer_ships",
            Lines = [.. Enumerable.Range(1, lines).Select(i => new ClaimLineInput
            {
                ProductName = $"Product {i}", FaultDescription = "Broken", Quantity = 1, UnitPrice = 100m,
            })],
        };
        var (draft, errors) = ClaimValidator.Validate(input, new DateOnly(2026, 11, 25));
        Assert.Empty(errors);
        var claim = Claim.Open(Complaints, draft!, "RMA-2026-000011", Now.AddDays(-5));
        claim.ClearEvents();
        return claim;
    }

    private static ClaimOutcome Work(Claim claim, ItemWorkInput input, ChangeLog? log = null, Actor? actor = null, int lineNo = 1) =>
        claim.RecordItemWork(Workflow, lineNo, input, "PLN", actor ?? Technician, Now, log ?? new ChangeLog());

    [Fact]
    public void A_replacement_without_the_new_serial_is_refused_and_changes_nothing()
    {
        var claim = NewClaim();

        var outcome = Work(claim, new ItemWorkInput { Diagnosis = "Bearing worn", Remedy = "replacement" });

        Assert.Equal(Refusal.Invalid, outcome.Refusal);
        Assert.Equal("replacementSerial", outcome.Field);
        Assert.Null(claim.Lines[0].Diagnosis);
        Assert.Equal(GrantedRemedy.None, claim.Lines[0].Remedy);
        Assert.Empty(claim.Events);
    }

    [Fact]
    public void A_replacement_with_its_serial_is_audited_field_by_field_and_raises_its_events()
    {
        var claim = NewClaim();
        var log = new ChangeLog();

        var outcome = Work(claim, new ItemWorkInput { Diagnosis = " Bearing worn ", Remedy = "replacement", ReplacementSerial = "SN-NEW-1" }, log);

        Assert.True(outcome.Succeeded);
        var line = claim.Lines[0];
        Assert.Equal(("Bearing worn", GrantedRemedy.Replacement, "SN-NEW-1", Now), (line.Diagnosis, line.Remedy, line.ReplacementSerial, line.RemedyGrantedAt!.Value));
        Assert.Equal(
            new (string?, string?, string?)[] { ("line 1 diagnosis", null, "Bearing worn"), ("line 1 remedy", null, "replacement"), ("line 1 replacement_serial", null, "SN-NEW-1") },
            log.Changes.Select(c => (c.Field, c.OldValue, c.NewValue)));
        Assert.All(log.Changes, c => Assert.Equal((Claim.LineEntityType, "updated"), (c.EntityType, c.Action)));
        Assert.Equal(new[] { new RemedyGranted(1, GrantedRemedy.Replacement) }, claim.Events.OfType<RemedyGranted>());
        Assert.Equal(["diagnosis", "remedy", "replacement_serial"], claim.Events.OfType<ItemWorked>().Single().Fields);
    }

    [Theory]
    [InlineData("refund", null, "refundAmount")]
    [InlineData("price_reduction", "0", "refundAmount")]
    [InlineData("credit_note", "-5", "refundAmount")]
    [InlineData("refund", "10.005", "refundAmount")]
    public void Money_given_back_needs_an_amount_above_zero_with_at_most_two_decimals(string remedy, string? amount, string field)
    {
        var claim = NewClaim();

        var outcome = Work(claim, new ItemWorkInput
        {
            Remedy = remedy, RefundAmount = amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal((Refusal.Invalid, field), (outcome.Refusal, outcome.Field));
    }

    [Fact]
    public void A_refund_takes_the_organisation_currency_when_it_names_none_and_drops_the_facts_of_other_remedies()
    {
        var claim = NewClaim();
        Assert.True(Work(claim, new ItemWorkInput { Remedy = "replacement", ReplacementSerial = "SN-1" }).Succeeded);

        Assert.True(Work(claim, new ItemWorkInput { Remedy = "refund", RefundAmount = 99.99m, ReplacementSerial = "SN-1" }).Succeeded);

        var line = claim.Lines[0];
        Assert.Equal((GrantedRemedy.Refund, (decimal?)99.99m, (string?)"PLN", (string?)null), (line.Remedy, line.RefundAmount, line.RefundCurrency, line.ReplacementSerial));
    }

    [Fact]
    public void A_repair_needs_what_was_done_and_a_sensible_time()
    {
        var claim = NewClaim();

        Assert.Equal("repairDone", Work(claim, new ItemWorkInput { Remedy = "repair", RepairMinutes = 30 }).Field);
        Assert.Equal("repairMinutes", Work(claim, new ItemWorkInput { Remedy = "repair", RepairDone = "Motor replaced", RepairMinutes = 0 }).Field);
        Assert.True(Work(claim, new ItemWorkInput { Remedy = "repair", RepairDone = "Motor replaced", RepairParts = "Motor M-12", RepairMinutes = 45 }).Succeeded);
        Assert.Equal(("Motor replaced", "Motor M-12", 45), (claim.Lines[0].RepairDone, claim.Lines[0].RepairParts, claim.Lines[0].RepairMinutes!.Value));
    }

    [Fact]
    public void A_rejected_item_can_only_go_back_unrepaired()
    {
        var claim = NewClaim();
        Assert.True(claim.DecideLine(Workflow, 1, LineDecision.Rejected, "Mechanical damage", Technician, Now, new ChangeLog()).Succeeded);

        Assert.Equal("remedy", Work(claim, new ItemWorkInput { Remedy = "replacement", ReplacementSerial = "SN-1" }).Field);
        Assert.True(Work(claim, new ItemWorkInput { Remedy = "return_unrepaired" }).Succeeded);
    }

    [Fact]
    public void Dates_the_goods_came_and_went_are_checked_and_the_way_back_is_required_with_the_return()
    {
        var claim = NewClaim();

        Assert.Equal("goodsReceivedAt", Work(claim, new ItemWorkInput { GoodsReceivedAt = Now.AddHours(1) }).Field);
        Assert.Equal("returnedAt", Work(claim, new ItemWorkInput { GoodsReceivedAt = Now.AddDays(-1), ReturnedAt = Now.AddDays(-2), ReturnMethod = "courier" }).Field);
        Assert.Equal("returnMethod", Work(claim, new ItemWorkInput { ReturnedAt = Now.AddHours(-1) }).Field);
        Assert.Equal("returnedAt", Work(claim, new ItemWorkInput { ReturnMethod = "post" }).Field);
        Assert.Equal("returnMethod", Work(claim, new ItemWorkInput { ReturnedAt = Now.AddHours(-1), ReturnMethod = "pigeon" }).Field);

        var log = new ChangeLog();
        Assert.True(Work(claim, new ItemWorkInput { GoodsReceivedAt = Now.AddDays(-2), ReturnedAt = Now.AddHours(-1), ReturnMethod = "parcel_locker" }, log).Succeeded);
        Assert.Equal(ReturnMethod.ParcelLocker, claim.Lines[0].ReturnMethod);
        Assert.Equal(["line 1 goods_received_at", "line 1 returned_at", "line 1 return_method"], log.Changes.Select(c => c.Field));
        Assert.Equal("2026-11-29 10:00:00Z", log.Changes[0].NewValue);
    }

    [Fact]
    public void Changing_one_part_keeps_the_rest_and_the_same_work_again_changes_nothing()
    {
        var claim = NewClaim();
        Assert.True(claim.GrantRemedy(Workflow, 2, new RemedyInput("replacement", ReplacementSerial: "SN-2"), "PLN", Technician, Now, new ChangeLog()).Succeeded);
        claim.ClearEvents();
        var log = new ChangeLog();

        Assert.True(claim.RecordDiagnosis(Workflow, 2, "Cracked housing", "PLN", Technician, Now, log).Succeeded);
        Assert.True(claim.RecordDiagnosis(Workflow, 2, "Cracked housing", "PLN", Technician, Now, log).Succeeded);

        Assert.Equal(("Cracked housing", GrantedRemedy.Replacement, "SN-2"), (claim.Lines[1].Diagnosis, claim.Lines[1].Remedy, claim.Lines[1].ReplacementSerial));
        Assert.Equal(["line 2 diagnosis"], log.Changes.Select(c => c.Field));
        Assert.Single(claim.Events);
        Assert.Equal(Refusal.NotFound, claim.RecordDiagnosis(Workflow, 9, "x", "PLN", Technician, Now, log).Refusal);
    }

    [Fact]
    public void A_closed_claim_refuses_work_and_costs_and_only_staff_may_work()
    {
        var claim = NewClaim();
        Assert.Equal(Refusal.Forbidden, Work(claim, new ItemWorkInput { Diagnosis = "x" }, actor: Partner).Refusal);
        Assert.True(claim.MoveTo(Workflow, "cancelled", new TransitionInput(new Dictionary<string, string?> { ["reason"] = "Withdrawn" }, []), Administrator, Now, new ChangeLog()).Succeeded);

        Assert.Equal(Refusal.Conflict, Work(claim, new ItemWorkInput { Diagnosis = "x" }).Refusal);
        Assert.Equal(Refusal.Conflict, claim.AddCost(Workflow, Cost(10m), "PLN", Technician, Now, new ChangeLog()).Outcome.Refusal);
        Assert.Empty(claim.Costs);
    }

    private static CostInput Cost(decimal? amount, string? currency = null, string kind = "parts", string bearer = "supplier", int? lineNo = null) =>
        new(lineNo, kind, "Display panel", amount, currency, bearer, null);

    [Fact]
    public void The_cost_total_sums_the_costs_in_the_organisation_currency_only()
    {
        var claim = NewClaim();
        var log = new ChangeLog();

        Assert.True(claim.AddCost(Workflow, Cost(120.50m, lineNo: 1), "PLN", Technician, Now, log).Outcome.Succeeded);
        Assert.True(claim.AddCost(Workflow, Cost(80m, "pln", "transport", "us"), "PLN", Technician, Now, log).Outcome.Succeeded);
        Assert.True(claim.AddCost(Workflow, Cost(15m, "EUR"), "PLN", Technician, Now, log).Outcome.Succeeded);

        Assert.Equal(200.50m, claim.CostTotal);
        Assert.Equal(["PLN", "PLN", "EUR"], claim.Costs.Select(c => c.Currency));
        Assert.Equal([120.50m, 200.50m, 200.50m], claim.Events.OfType<CostsChanged>().Select(e => e.CostTotal));
        Assert.Equal("parts 120.50 PLN supplier (line 1): Display panel", log.Changes.First(c => c.Action == "cost_added").NewValue);
    }

    [Theory]
    [InlineData(null, "PLN", "parts", "supplier", "amount")]
    [InlineData(0, "PLN", "parts", "supplier", "amount")]
    [InlineData(10, "ZŁ", "parts", "supplier", "currency")]
    [InlineData(10, "PLN", "gold", "supplier", "kind")]
    [InlineData(10, "PLN", "parts", "nobody", "borneBy")]
    public void A_cost_is_refused_field_by_field(int? amount, string currency, string kind, string bearer, string field)
    {
        var claim = NewClaim();

        var (outcome, cost) = claim.AddCost(Workflow, Cost(amount, currency, kind, bearer), "PLN", Technician, Now, new ChangeLog());

        Assert.Equal((Refusal.Invalid, field), (outcome.Refusal, outcome.Field));
        Assert.Null(cost);
        Assert.Empty(claim.Costs);
    }

    [Fact]
    public void A_cost_of_an_item_the_claim_lacks_is_refused()
    {
        var claim = NewClaim();

        Assert.Equal("lineNo", claim.AddCost(Workflow, Cost(10m, lineNo: 7), "PLN", Technician, Now, new ChangeLog()).Outcome.Field);
    }
}
