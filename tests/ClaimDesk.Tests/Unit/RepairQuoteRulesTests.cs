using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Tests.Unit;

public sealed class RepairQuoteRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Actor Operator = new(Actor.UserKind, "u1", "olga", [StaffRole.Operator]);

    private static Register Complaints() => DefaultWorkflows.Create().Single(r => r.Code == "complaints");

    private static Claim NewClaim()
    {
        var input = new ClaimInput
        {
            Contact = new ContactInput { Name = "Jan Kowalski", Email = "jan@example.pl" },
            CustomerType = "consumer", LegalBasis = "conformity", RequestedRemedy = "repair", DeliveryMethod = "drop_off",
            Lines = [new ClaimLineInput { ProductName = "Pralka", FaultDescription = "Nie wiruje", Quantity = 1 }],
        };
        var (draft, errors) = ClaimValidator.Validate(input, Today);
        Assert.Empty(errors);
        return Claim.Open(Complaints(), draft!, "RMA-2026-000001", Now);
    }

    private static (RepairQuote? Quote, ClaimOutcome Outcome) Prepare(params RepairQuoteLine[] lines) =>
        Prepare(new RepairQuoteInput(lines, "pln", Today.AddDays(14), "in_diagnosis", "cancelled"));

    private static (RepairQuote? Quote, ClaimOutcome Outcome) Prepare(RepairQuoteInput input) =>
        RepairQuote.Prepare(NewClaim(), Complaints().Workflow, input, 1, Operator, Today, Now);

    private static RepairQuote Sent()
    {
        var (quote, outcome) = Prepare(new RepairQuoteLine("Łożysko", 320.50m), new RepairQuoteLine("Robocizna", 150m));
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.True(quote!.Send(Operator, Now, new ChangeLog()).Succeeded);
        return quote;
    }

    [Fact]
    public void A_quote_totals_its_lines_in_one_upper_case_currency()
    {
        var quote = Sent();
        Assert.Equal((470.50m, "PLN", "RMA-2026-000001-Q1", RepairQuoteStatus.Sent), (quote.Total, quote.Currency, quote.Number, quote.Status));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(10.001)]
    public void An_amount_must_be_above_zero_with_at_most_two_decimals(double amount)
    {
        var (quote, outcome) = Prepare(new RepairQuoteLine("Robocizna", (decimal)amount));
        Assert.Null(quote);
        Assert.Equal((Refusal.Invalid, "lines[0].amount"), (outcome.Refusal, outcome.Field));
    }

    [Fact]
    public void A_quote_cannot_be_accepted_twice_nor_declined_after_acceptance()
    {
        var quote = Sent();
        Assert.True(quote.Answer(true, RepairAnswerChannel.TrackingPage, "jan", null, Today, Now, new ChangeLog()).Succeeded);
        var answeredAt = quote.AnsweredAt;

        var twice = quote.Answer(true, RepairAnswerChannel.Portal, "piotr", null, Today, Now.AddHours(1), new ChangeLog());
        var declined = quote.Answer(false, RepairAnswerChannel.Portal, "piotr", null, Today, Now.AddHours(1), new ChangeLog());

        Assert.Equal((Refusal.Conflict, Refusal.Conflict), (twice.Refusal, declined.Refusal));
        Assert.Equal((RepairQuoteStatus.Accepted, answeredAt, RepairAnswerChannel.TrackingPage), (quote.Status, quote.AnsweredAt, quote.AnswerChannel));
    }

    [Fact]
    public void An_expired_quote_cannot_be_accepted()
    {
        var quote = Sent();
        var late = Today.AddDays(15);
        var log = new ChangeLog();

        Assert.Equal(RepairQuoteStatus.Expired, quote.StatusOn(late));
        Assert.Equal(Refusal.Conflict, quote.Answer(true, RepairAnswerChannel.TrackingPage, "jan", null, late, Now, log).Refusal);
        Assert.True(quote.ExpireIfDue(late, Now, log));
        Assert.Equal(RepairQuoteStatus.Expired, quote.Status);
        Assert.Equal(Refusal.Conflict, quote.Answer(true, RepairAnswerChannel.TrackingPage, "jan", null, late, Now, log).Refusal);
    }

    [Fact]
    public void An_item_under_warranty_is_not_quoted()
    {
        var claim = NewClaim();
        typeof(ClaimLine).GetProperty(nameof(ClaimLine.UnderWarranty))!.SetValue(claim.Lines[0], true);
        var (quote, outcome) = RepairQuote.Prepare(claim, Complaints().Workflow,
            new RepairQuoteInput([new RepairQuoteLine("Robocizna", 100m, 1)], "PLN", Today.AddDays(7), null, null), 1, Operator, Today, Now);
        Assert.Null(quote);
        Assert.Equal((Refusal.Invalid, "lines[0].lineNo"), (outcome.Refusal, outcome.Field));
    }

    [Fact]
    public void A_status_the_workflow_cannot_reach_from_the_claims_status_is_refused_naming_the_transition()
    {
        var (quote, outcome) = Prepare(new RepairQuoteInput([new RepairQuoteLine("Robocizna", 100m)], "PLN", Today.AddDays(7), "resolved", null));
        Assert.Null(quote);
        Assert.Equal((Refusal.NotInWorkflow, "acceptStatus"), (outcome.Refusal, outcome.Field));
        Assert.Contains("in_diagnosis", outcome.Allowed);
    }

    [Fact]
    public void An_invoice_needs_the_repair_recorded_and_is_issued_once()
    {
        var quote = Sent();
        Assert.True(quote.Answer(true, RepairAnswerChannel.Api, "erp", null, Today, Now, new ChangeLog()).Succeeded);
        Assert.Equal(Refusal.Conflict, quote.Invoice(Operator, Now, new ChangeLog()).Refusal);
        Assert.Equal(Refusal.Invalid, quote.RecordRepair(" ", Operator, Now, new ChangeLog()).Refusal);
        Assert.True(quote.RecordRepair("Wymieniono łożysko", Operator, Now, new ChangeLog()).Succeeded);
        Assert.True(quote.Invoice(Operator, Now, new ChangeLog()).Succeeded);
        Assert.Equal(("RMA-2026-000001-F1", RepairQuoteStatus.Invoiced), (quote.InvoiceNumber, quote.Status));
        Assert.Equal(Refusal.Conflict, quote.Invoice(Operator, Now, new ChangeLog()).Refusal);
    }
}
