using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Web.Features.Repairs;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The card's paid repair section (issue 13, point 6, partial _RepairQuote): the claim's quotes, and the forms to send
/// one, record the repair done and issue the invoice, through the same <see cref="RepairQuotes"/> steps as the API.
/// A refused form is shown again with what was typed and the reason.
/// </summary>
public sealed partial class CardModel
{
    /// <summary>The claim's repair quotes, newest first.</summary>
    public IReadOnlyList<RepairQuote> RepairQuotes { get; private set; } = [];

    /// <summary>What was typed in a quote form that was refused.</summary>
    public RepairQuoteForm? TypedQuote { get; private set; }

    /// <summary>The quote whose repair form was refused, and the report typed in it.</summary>
    public long? TypedRepairQuoteId { get; private set; }

    public string? TypedRepairReport { get; private set; }

    public async Task<IActionResult> OnPostSendRepairQuoteAsync(long id, [FromForm(Name = "quote")] RepairQuoteForm? quote,
        [FromServices] RepairQuotes repairs)
    {
        TypedQuote = quote ??= new RepairQuoteForm();
        var (input, problem) = quote.Parse();
        var outcome = problem ?? (await repairs.SendAsync(id, input!, audit.CurrentActor, PublicAddress.BaseUrl(options.Value, Request),
            HttpContext.RequestAborted)).Outcome;
        return await AfterAsync(id, outcome, null, localizer["The repair quote was sent to the claimant."]);
    }

    public async Task<IActionResult> OnPostRecordRepairAsync(long id, long quoteId, string? report, [FromServices] RepairQuotes repairs)
    {
        (TypedRepairQuoteId, TypedRepairReport) = (quoteId, report);
        var outcome = await repairs.RecordRepairAsync(id, quoteId, report, audit.CurrentActor, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, localizer["The repair was recorded as done."]);
    }

    public async Task<IActionResult> OnPostInvoiceRepairAsync(long id, long quoteId, [FromServices] RepairQuotes repairs)
    {
        var outcome = await repairs.InvoiceAsync(id, quoteId, audit.CurrentActor, PublicAddress.BaseUrl(options.Value, Request),
            HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, localizer["The repair invoice was issued and sent to the claimant."]);
    }
}

/// <summary>A repair quote form as typed: every value a string, so a wrong one is shown again as it was typed.</summary>
public sealed class RepairQuoteForm
{
    /// <summary>How many line rows the card offers.</summary>
    public const int Rows = 3;

    public List<RepairQuoteLineForm> Lines { get; set; } = [];
    public string? Currency { get; set; }
    public string? ValidUntil { get; set; }
    public string? AcceptStatus { get; set; }
    public string? DeclineStatus { get; set; }

    /// <summary>The line row <paramref name="index"/>, empty when nothing was typed in it.</summary>
    public RepairQuoteLineForm Line(int index) => index < Lines.Count ? Lines[index] : new RepairQuoteLineForm();

    /// <summary>The form's values, or the refusal of the first one that is no number or no date.</summary>
    public (RepairQuoteInput? Input, ClaimOutcome? Problem) Parse()
    {
        var lines = new List<RepairQuoteLine>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (!FormValues.TryAmount(line.Amount, out var amount))
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].amount", "'{0}' is not a number.", line.Amount!));
            }

            lines.Add(new RepairQuoteLine(line.Description ?? "", amount ?? 0));
        }

        DateOnly? validUntil = null;
        if (!string.IsNullOrWhiteSpace(ValidUntil))
        {
            if (!DateOnly.TryParseExact(ValidUntil.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, "validUntil", "'{0}' is not a date.", ValidUntil));
            }

            validUntil = parsed;
        }

        return (new RepairQuoteInput(lines, Currency, validUntil, AcceptStatus, DeclineStatus), null);
    }
}

/// <summary>One line of a repair quote form as typed.</summary>
public sealed class RepairQuoteLineForm
{
    public string? Description { get; set; }
    public string? Amount { get; set; }
}
