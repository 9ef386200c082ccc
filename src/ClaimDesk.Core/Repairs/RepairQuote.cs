using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Repairs;

/// <summary>Where a repair quote stands: sent to the claimant, answered by them, and once repaired invoiced.</summary>
public enum RepairQuoteStatus { Draft, Sent, Accepted, Declined, Expired, Invoiced }

/// <summary>Where the claimant's answer to a quote came from.</summary>
public enum RepairAnswerChannel { TrackingPage, Portal, Api, Staff }

/// <summary>A step of the paid repair, each raised to the claim's features (webhooks) as <see cref="RepairQuoteChanged"/>.</summary>
public enum RepairStep { QuoteSent, QuoteAccepted, QuoteDeclined, Repaired, Invoiced }

/// <summary>One priced line of a quote: what is done (parts, labour …), its amount in the quote's currency, the item it is for.</summary>
public sealed record RepairQuoteLine(string Description, decimal Amount, int? LineNo = null);

/// <summary>What staff type to prepare a quote; checked by <see cref="RepairQuote.Prepare"/>.</summary>
public sealed record RepairQuoteInput(
    IReadOnlyList<RepairQuoteLine> Lines, string? Currency, DateOnly? ValidUntil, string? AcceptStatus, string? DeclineStatus);

/// <summary>
/// A paid out-of-warranty repair offered to the claimant (issue 13, point 6): priced lines in one currency, a total,
/// a date it is valid until, and the statuses the claim moves to when the claimant accepts or declines it, chosen
/// from the register's workflow when it is sent. The claimant answers once, before it expires; an accepted quote is
/// repaired, then invoiced. Every step is written into the <see cref="ChangeLog"/> (entity <c>repair_quote</c>).
/// </summary>
public sealed class RepairQuote
{
    public const string EntityType = "repair_quote";
    public const int MaxDescription = 300;
    public const int MaxLines = 30;
    public const int MaxReport = 4000;
    public const int MaxValidDays = 365;
    public const decimal MaxAmount = 100_000_000m;

    /// <summary>The audit actions of the steps, written on the claim (so its history shows them) with the field <see cref="QuoteField"/>.</summary>
    public const string SentAction = "repair_quote_sent";
    public const string AcceptedAction = "repair_quote_accepted";
    public const string DeclinedAction = "repair_quote_declined";
    public const string ExpiredAction = "repair_quote_expired";
    public const string RepairedAction = "repair_done";
    public const string InvoicedAction = "repair_invoiced";
    public const string QuoteField = "repair_quote";

    private List<RepairQuoteLine> _lines = [];

    private RepairQuote()
    {
    }

    public long Id { get; private set; }

    public long ClaimId { get; private set; }

    /// <summary>The claim number and the quote's sequence on it, e.g. <c>SRV-2026-00012-Q1</c>.</summary>
    public string Number { get; private set; } = "";

    public RepairQuoteStatus Status { get; private set; }

    /// <summary>ISO 4217, upper case (<c>PLN</c>, <c>CZK</c>, <c>EUR</c>).</summary>
    public string Currency { get; private set; } = "";

    public IReadOnlyList<RepairQuoteLine> Lines
    {
        get => _lines;
        private set => _lines = [.. value];
    }

    public decimal Total { get; private set; }

    /// <summary>The last day the claimant may accept it (in the organisation's calendar).</summary>
    public DateOnly ValidUntil { get; private set; }

    /// <summary>The workflow status the claim moves to when the quote is accepted; null: it stays where it is.</summary>
    public string? AcceptStatus { get; private set; }

    /// <summary>The workflow status the claim moves to when the quote is declined (e.g. return unrepaired); null: it stays.</summary>
    public string? DeclineStatus { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime? SentAt { get; private set; }

    public string? SentBy { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>Who answered: the claimant's contact, the partner user, or the staff member or API key acting for them.</summary>
    public string? AnsweredBy { get; private set; }

    public RepairAnswerChannel? AnswerChannel { get; private set; }

    /// <summary>The network address the answer came from.</summary>
    public string? AnswerAddress { get; private set; }

    public DateTime? ExpiredAt { get; private set; }

    public DateTime? RepairedAt { get; private set; }

    public string? RepairedBy { get; private set; }

    /// <summary>What was repaired, as staff recorded it when the work was done.</summary>
    public string? RepairReport { get; private set; }

    public string? InvoiceNumber { get; private set; }

    public DateTime? InvoicedAt { get; private set; }

    public string? InvoicedBy { get; private set; }

    /// <summary>The status as of <paramref name="today"/>: a sent quote past its validity is expired even before anyone marked it.</summary>
    public RepairQuoteStatus StatusOn(DateOnly today) => Status == RepairQuoteStatus.Sent && today > ValidUntil ? RepairQuoteStatus.Expired : Status;

    /// <summary>Whether the claimant may still answer it on <paramref name="today"/>.</summary>
    public bool IsOpen(DateOnly today) => Status == RepairQuoteStatus.Sent && today <= ValidUntil;

    /// <summary>
    /// Checks what staff typed and prepares a draft quote for <paramref name="claim"/> (loaded with its lines and its
    /// register's workflow). Refuses: no line, an empty or long description, an amount not above zero or with more
    /// than two decimals, an item under warranty, a currency that is not three letters, a validity in the past or more
    /// than a year ahead, a closed claim, a role that is not staff, and an accept or decline status the workflow cannot
    /// reach from the claim's status (naming the transition to add).
    /// </summary>
    public static (RepairQuote? Quote, ClaimOutcome Outcome) Prepare(
        Claim claim, Workflow workflow, RepairQuoteInput input, int sequence, Actor actor, DateOnly today, DateTime now)
    {
        if (!actor.Roles.Any(StaffRole.Staff.Contains))
        {
            return (null, ClaimOutcome.Refuse(Refusal.Forbidden, null, "Only staff may prepare a repair quote."));
        }

        if (workflow.Status(claim.Status)?.Category == StatusCategory.Closed)
        {
            return (null, ClaimOutcome.Refuse(Refusal.Conflict, null, "The claim is closed; it can no longer get a repair quote."));
        }

        var lines = input.Lines.Where(l => !string.IsNullOrWhiteSpace(l.Description) || l.Amount != 0).ToList();
        if (lines.Count == 0)
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "lines[0].description", "Add at least one line with what is repaired and its price."));
        }

        if (lines.Count > MaxLines)
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "lines", "At most {0} lines.", MaxLines));
        }

        var cleaned = new List<RepairQuoteLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var description = line.Description?.Trim() ?? "";
            if (description.Length == 0)
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].description", "Say what the line is for."));
            }

            if (description.Length > MaxDescription)
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].description", "At most {0} characters.", MaxDescription));
            }

            if (line.Amount <= 0 || line.Amount > MaxAmount)
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].amount", "An amount is more than zero."));
            }

            if (decimal.Round(line.Amount, 2) != line.Amount)
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].amount", "An amount has at most two decimal places."));
            }

            if (line.LineNo is { } lineNo)
            {
                var item = claim.Lines.FirstOrDefault(l => l.LineNo == lineNo);
                if (item is null)
                {
                    return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].lineNo", "The claim has no line {0}.", lineNo));
                }

                if (item.UnderWarranty == true)
                {
                    return (null, ClaimOutcome.Refuse(Refusal.Invalid, $"lines[{i}].lineNo",
                        "Item {0} is under warranty until {1}: its repair is not paid by the claimant.", lineNo,
                        item.WarrantyEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"));
                }
            }

            cleaned.Add(new RepairQuoteLine(description, line.Amount, line.LineNo));
        }

        var currency = input.Currency?.Trim().ToUpperInvariant() ?? "";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "currency", "The currency is a three-letter code such as PLN, CZK or EUR."));
        }

        if (input.ValidUntil is not { } validUntil)
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "validUntil", "Say until when the quote is valid."));
        }

        if (validUntil < today || validUntil > today.AddDays(MaxValidDays))
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "validUntil",
                "The quote is valid from today for at most {0} days.", MaxValidDays));
        }

        var accept = Blank(input.AcceptStatus);
        var decline = Blank(input.DeclineStatus);
        foreach (var (field, target) in new[] { ("acceptStatus", accept), ("declineStatus", decline) })
        {
            if (target is null)
            {
                continue;
            }

            if (workflow.Status(target) is null)
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, field, "The workflow has no status {0}.", target));
            }

            if (workflow.Transition(claim.Status, target) is null)
            {
                return (null, new ClaimOutcome(Refusal.NotInWorkflow, field,
                    "The workflow has no transition from {0} to {1}, so the answer could not move the claim there. Add the transition in the register's workflow editor, or choose another status.",
                    [claim.Status, target], [.. workflow.From(claim.Status).Select(t => t.ToStatus)]));
            }
        }

        var quote = new RepairQuote
        {
            ClaimId = claim.Id,
            Number = $"{claim.Number}-Q{sequence.ToString(CultureInfo.InvariantCulture)}",
            Status = RepairQuoteStatus.Draft,
            Currency = currency,
            _lines = cleaned,
            Total = cleaned.Sum(l => l.Amount),
            ValidUntil = validUntil,
            AcceptStatus = accept,
            DeclineStatus = decline,
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        return (quote, ClaimOutcome.Done);
    }

    /// <summary>Sends the draft to the claimant; audited with its total.</summary>
    public ClaimOutcome Send(Actor actor, DateTime now, ChangeLog log)
    {
        if (Status != RepairQuoteStatus.Draft)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "The quote {0} was already sent.", Number);
        }

        Status = RepairQuoteStatus.Sent;
        SentAt = now;
        SentBy = actor.Name;
        log.Add(new Change(Claim.EntityType, ClaimText, SentAction, QuoteField, null, Summary));
        return ClaimOutcome.Done;
    }

    /// <summary>Marks a sent quote whose validity ran out before <paramref name="today"/> expired; true when it did so now.</summary>
    public bool ExpireIfDue(DateOnly today, DateTime now, ChangeLog log)
    {
        if (Status != RepairQuoteStatus.Sent || today <= ValidUntil)
        {
            return false;
        }

        Status = RepairQuoteStatus.Expired;
        ExpiredAt = now;
        log.Add(new Change(Claim.EntityType, ClaimText, ExpiredAction, QuoteField, null, Number));
        return true;
    }

    /// <summary>
    /// The claimant's answer: accepted or declined, once, while the quote is sent and valid. A second answer is refused
    /// (<see cref="Refusal.Conflict"/>) naming the first; an expired quote cannot be answered.
    /// </summary>
    public ClaimOutcome Answer(bool accept, RepairAnswerChannel channel, string answeredBy, string? address, DateOnly today,
        DateTime now, ChangeLog log)
    {
        switch (Status)
        {
            case RepairQuoteStatus.Accepted or RepairQuoteStatus.Invoiced:
                return ClaimOutcome.Refuse(Refusal.Conflict, "answer", "The quote {0} was already accepted on {1}.", Number, AnsweredAt!.Value);
            case RepairQuoteStatus.Declined:
                return ClaimOutcome.Refuse(Refusal.Conflict, "answer", "The quote {0} was already declined on {1}.", Number, AnsweredAt!.Value);
            case RepairQuoteStatus.Draft:
                return ClaimOutcome.Refuse(Refusal.Conflict, "answer", "The quote {0} has not been sent.", Number);
        }

        if (Status == RepairQuoteStatus.Expired || today > ValidUntil)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, "answer", "The quote {0} expired on {1}; ask us for a new one.", Number,
                ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var before = Status;
        Status = accept ? RepairQuoteStatus.Accepted : RepairQuoteStatus.Declined;
        AnsweredAt = now;
        AnsweredBy = answeredBy;
        AnswerChannel = channel;
        AnswerAddress = address;
        log.Add(new Change(Claim.EntityType, ClaimText, accept ? AcceptedAction : DeclinedAction, QuoteField, Codes.Of(before), Summary));
        log.Add(new Change(Claim.EntityType, ClaimText, accept ? AcceptedAction : DeclinedAction, "answer_channel", null, Codes.Of(channel)));
        return ClaimOutcome.Done;
    }

    /// <summary>Staff record that the accepted repair was done, with what was done.</summary>
    public ClaimOutcome RecordRepair(string? report, Actor actor, DateTime now, ChangeLog log)
    {
        if (Status != RepairQuoteStatus.Accepted)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "Only an accepted quote is repaired; {0} is {1}.", Number, Codes.Of(Status));
        }

        if (RepairedAt is not null)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "The repair of {0} was already recorded.", Number);
        }

        report = report?.Trim() ?? "";
        if (report.Length == 0)
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "report", "Say what was repaired.");
        }

        if (report.Length > MaxReport)
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "report", "At most {0} characters.", MaxReport);
        }

        RepairedAt = now;
        RepairedBy = actor.Name;
        RepairReport = report;
        log.Add(new Change(Claim.EntityType, ClaimText, RepairedAction, "repair_report", null, report));
        return ClaimOutcome.Done;
    }

    /// <summary>Issues the invoice of a repaired quote, numbered after it (<c>…-Q1</c> → <c>…-F1</c>); once.</summary>
    public ClaimOutcome Invoice(Actor actor, DateTime now, ChangeLog log)
    {
        if (Status == RepairQuoteStatus.Invoiced)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "The quote {0} was already invoiced as {1}.", Number, InvoiceNumber!);
        }

        if (Status != RepairQuoteStatus.Accepted || RepairedAt is null)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "Record the repair of the accepted quote {0} before invoicing it.", Number);
        }

        var at = Number.LastIndexOf("-Q", StringComparison.Ordinal);
        InvoiceNumber = at < 0 ? Number + "-F" : Number[..at] + "-F" + Number[(at + 2)..];
        Status = RepairQuoteStatus.Invoiced;
        InvoicedAt = now;
        InvoicedBy = actor.Name;
        log.Add(new Change(Claim.EntityType, ClaimText, InvoicedAction, "repair_invoice", null, $"{InvoiceNumber}: {Amount(Total)} {Currency}"));
        return ClaimOutcome.Done;
    }

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The quote as its audit entries name it: number, total and currency.</summary>
    private string Summary => $"{Number}: {Amount(Total)} {Currency}";

    private string ClaimText => ClaimId.ToString(CultureInfo.InvariantCulture);
}
