using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Claims;

/// <summary>
/// The work on a claim's items (issue 13): the technician's diagnosis, the supplier's statement, the remedy granted with
/// its facts, and when the goods came in and went back and how. Each field changed is audited on its own
/// (<c>line 2 diagnosis</c>) and raises <see cref="ItemWorked"/>; a remedy newly granted raises <see cref="RemedyGranted"/>.
/// </summary>
public sealed partial class Claim
{
    /// <summary>The most minutes a repair report may name (10,000 hours).</summary>
    public const int MaxRepairMinutes = 600_000;

    /// <summary>The audit field of one item-work field of a line: <c>line 2 replacement_serial</c>.</summary>
    public static string ItemWorkField(int lineNo, string field) => $"line {lineNo} {field}";

    /// <summary>
    /// Records everything known of one item's work at once, as the card's form and the API's PUT send it: what is left
    /// empty is cleared. The remedy's facts are checked for the remedy (a replacement needs the new serial, a refund,
    /// price reduction or credit note an amount above zero, a repair what was done); facts of other remedies are
    /// dropped. A rejected item may only go back unrepaired. Nothing changes when anything is refused.
    /// <paramref name="currency"/> is the organisation's, taken when a refund names none.
    /// </summary>
    public ClaimOutcome RecordItemWork(Workflow workflow, int lineNo, ItemWorkInput input, string currency, Actor actor, DateTime now, ChangeLog log)
    {
        var allowed = MayWork(workflow, actor, costs: false);
        if (!allowed.Succeeded)
        {
            return allowed;
        }

        var line = Lines.SingleOrDefault(l => l.LineNo == lineNo);
        if (line is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, "lineNo", "The claim has no line {0}.", lineNo);
        }

        var (facts, refusal) = ItemWorkFacts.Check(line, input, currency, now);
        if (refusal is not null)
        {
            return refusal;
        }

        var changed = ApplyItemWork(line, facts, now, log);
        if (changed.Count > 0)
        {
            Touch(now);
        }

        return ClaimOutcome.Done;
    }

    /// <summary>Records the technician's diagnosis of an item (empty clears it).</summary>
    public ClaimOutcome RecordDiagnosis(Workflow workflow, int lineNo, string? diagnosis, string currency, Actor actor, DateTime now, ChangeLog log) =>
        WorkOn(workflow, lineNo, work => work with { Diagnosis = diagnosis }, currency, actor, now, log);

    /// <summary>Records what the supplier said of an item (empty clears it).</summary>
    public ClaimOutcome RecordSupplierStatement(Workflow workflow, int lineNo, string? statement, string currency, Actor actor, DateTime now, ChangeLog log) =>
        WorkOn(workflow, lineNo, work => work with { SupplierStatement = statement }, currency, actor, now, log);

    /// <summary>Grants an item a remedy with its facts (see <see cref="RecordItemWork"/>); the diagnosis and dates stay.</summary>
    public ClaimOutcome GrantRemedy(Workflow workflow, int lineNo, RemedyInput remedy, string currency, Actor actor, DateTime now, ChangeLog log) =>
        WorkOn(workflow, lineNo, work => work with
        {
            Remedy = remedy.Remedy,
            ReplacementSerial = remedy.ReplacementSerial,
            RefundAmount = remedy.RefundAmount,
            RefundCurrency = remedy.RefundCurrency,
            RepairDone = remedy.RepairDone,
            RepairParts = remedy.RepairParts,
            RepairMinutes = remedy.RepairMinutes,
        }, currency, actor, now, log);

    /// <summary>Records when the item reached us (null clears it).</summary>
    public ClaimOutcome RecordGoodsReceived(Workflow workflow, int lineNo, DateTime? at, string currency, Actor actor, DateTime now, ChangeLog log) =>
        WorkOn(workflow, lineNo, work => work with { GoodsReceivedAt = at }, currency, actor, now, log);

    /// <summary>Records when and how the item went back to the claimant (all null clears it).</summary>
    public ClaimOutcome RecordReturn(Workflow workflow, int lineNo, DateTime? at, string? method, string? trackingNumber, string currency,
        Actor actor, DateTime now, ChangeLog log) =>
        WorkOn(workflow, lineNo, work => work with { ReturnedAt = at, ReturnMethod = method, ReturnTrackingNumber = trackingNumber },
            currency, actor, now, log);

    private ClaimOutcome WorkOn(Workflow workflow, int lineNo, Func<ItemWorkInput, ItemWorkInput> change, string currency, Actor actor,
        DateTime now, ChangeLog log) =>
        Lines.SingleOrDefault(l => l.LineNo == lineNo) is { } line
            ? RecordItemWork(workflow, lineNo, change(ItemWorkInput.Of(line)), currency, actor, now, log)
            : ClaimOutcome.Refuse(Refusal.NotFound, "lineNo", "The claim has no line {0}.", lineNo);

    /// <summary>Staff work on an open claim's items and costs; a closed claim refuses, and so does anyone without a staff role.</summary>
    private ClaimOutcome MayWork(Workflow workflow, Actor actor, bool costs)
    {
        if (workflow.Status(Status)?.Category == StatusCategory.Closed)
        {
            return costs
                ? ClaimOutcome.Refuse(Refusal.Conflict, null, "The claim is closed; its costs can no longer change.")
                : ClaimOutcome.Refuse(Refusal.Conflict, null, "The claim is closed; its items can no longer be worked on.");
        }

        return actor.Roles.Any(StaffRole.Staff.Contains)
            ? ClaimOutcome.Done
            : ClaimOutcome.Refuse(Refusal.Forbidden, null, "Only staff may work on a claim's items and costs.");
    }

    private List<string> ApplyItemWork(ClaimLine line, ItemWorkFacts facts, DateTime now, ChangeLog log)
    {
        var changed = new List<string>();
        void Field(string field, string? old, string? value)
        {
            if (!string.Equals(old, value, StringComparison.Ordinal))
            {
                log.Add(new Change(LineEntityType, IdText, "updated", ItemWorkField(line.LineNo, field), old, value));
                changed.Add(field);
            }
        }

        Field("diagnosis", line.Diagnosis, facts.Diagnosis);
        Field("supplier_statement", line.SupplierStatement, facts.SupplierStatement);
        Field("remedy", line.Remedy == GrantedRemedy.None ? null : Codes.Of(line.Remedy), facts.Remedy == GrantedRemedy.None ? null : Codes.Of(facts.Remedy));
        Field("replacement_serial", line.ReplacementSerial, facts.ReplacementSerial);
        Field("refund_amount", AuditAmount(line.RefundAmount), AuditAmount(facts.RefundAmount));
        Field("refund_currency", line.RefundCurrency, facts.RefundCurrency);
        Field("repair_done", line.RepairDone, facts.RepairDone);
        Field("repair_parts", line.RepairParts, facts.RepairParts);
        Field("repair_minutes", line.RepairMinutes?.ToString(CultureInfo.InvariantCulture), facts.RepairMinutes?.ToString(CultureInfo.InvariantCulture));
        Field("goods_received_at", AuditTime(line.GoodsReceivedAt), AuditTime(facts.GoodsReceivedAt));
        Field("returned_at", AuditTime(line.ReturnedAt), AuditTime(facts.ReturnedAt));
        Field("return_method", line.ReturnMethod is { } oldMethod ? Codes.Of(oldMethod) : null, facts.ReturnMethod is { } method ? Codes.Of(method) : null);
        Field("return_tracking_number", line.ReturnTrackingNumber, facts.ReturnTrackingNumber);
        if (changed.Count == 0)
        {
            return changed;
        }

        var granted = facts.Remedy != line.Remedy && facts.Remedy != GrantedRemedy.None;
        line.Diagnosis = facts.Diagnosis;
        line.SupplierStatement = facts.SupplierStatement;
        if (facts.Remedy != line.Remedy)
        {
            line.RemedyGrantedAt = facts.Remedy == GrantedRemedy.None ? null : now;
        }

        line.Remedy = facts.Remedy;
        line.ReplacementSerial = facts.ReplacementSerial;
        line.RefundAmount = facts.RefundAmount;
        line.RefundCurrency = facts.RefundCurrency;
        line.RepairDone = facts.RepairDone;
        line.RepairParts = facts.RepairParts;
        line.RepairMinutes = facts.RepairMinutes;
        line.GoodsReceivedAt = facts.GoodsReceivedAt;
        line.ReturnedAt = facts.ReturnedAt;
        line.ReturnMethod = facts.ReturnMethod;
        line.ReturnTrackingNumber = facts.ReturnTrackingNumber;
        _events.Add(new ItemWorked(line.LineNo, changed));
        if (granted)
        {
            _events.Add(new RemedyGranted(line.LineNo, facts.Remedy));
        }

        return changed;
    }

    /// <summary>An amount as the audit keeps it: invariant, two decimals (<c>120.50</c>).</summary>
    public static string? AuditAmount(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An instant as the audit keeps it: UTC, <c>2026-12-08 10:15:00Z</c>.</summary>
    public static string? AuditTime(DateTime? at) => at?.ToString("u", CultureInfo.InvariantCulture);
}

/// <summary>
/// What is known of one item's work, as typed or sent: codes as strings (<c>replacement</c>, <c>courier</c>), instants
/// in UTC. An empty text or null clears a field.
/// </summary>
public sealed record ItemWorkInput
{
    public string? Diagnosis { get; init; }
    public string? SupplierStatement { get; init; }

    /// <summary>The remedy's code (<see cref="GrantedRemedy"/>); empty: none granted.</summary>
    public string? Remedy { get; init; }

    public string? ReplacementSerial { get; init; }
    public decimal? RefundAmount { get; init; }
    public string? RefundCurrency { get; init; }
    public string? RepairDone { get; init; }
    public string? RepairParts { get; init; }
    public int? RepairMinutes { get; init; }
    public DateTime? GoodsReceivedAt { get; init; }
    public DateTime? ReturnedAt { get; init; }

    /// <summary>The code of the way back (<see cref="Claims.ReturnMethod"/>).</summary>
    public string? ReturnMethod { get; init; }

    public string? ReturnTrackingNumber { get; init; }

    /// <summary>What a line holds now, so that one part can be changed and the rest kept.</summary>
    public static ItemWorkInput Of(ClaimLine line) => new()
    {
        Diagnosis = line.Diagnosis,
        SupplierStatement = line.SupplierStatement,
        Remedy = line.Remedy == GrantedRemedy.None ? null : Codes.Of(line.Remedy),
        ReplacementSerial = line.ReplacementSerial,
        RefundAmount = line.RefundAmount,
        RefundCurrency = line.RefundCurrency,
        RepairDone = line.RepairDone,
        RepairParts = line.RepairParts,
        RepairMinutes = line.RepairMinutes,
        GoodsReceivedAt = line.GoodsReceivedAt,
        ReturnedAt = line.ReturnedAt,
        ReturnMethod = line.ReturnMethod is { } method ? Codes.Of(method) : null,
        ReturnTrackingNumber = line.ReturnTrackingNumber,
    };
}

/// <summary>A remedy with its facts, for <see cref="Claim.GrantRemedy"/>.</summary>
public sealed record RemedyInput(string? Remedy, string? ReplacementSerial = null, decimal? RefundAmount = null, string? RefundCurrency = null,
    string? RepairDone = null, string? RepairParts = null, int? RepairMinutes = null);

/// <summary>An item's work checked: trimmed texts, parsed codes, only the facts of the remedy granted.</summary>
internal sealed record ItemWorkFacts(
    string? Diagnosis, string? SupplierStatement, GrantedRemedy Remedy, string? ReplacementSerial, decimal? RefundAmount, string? RefundCurrency,
    string? RepairDone, string? RepairParts, int? RepairMinutes, DateTime? GoodsReceivedAt, DateTime? ReturnedAt, ReturnMethod? ReturnMethod,
    string? ReturnTrackingNumber)
{
    public static (ItemWorkFacts Facts, ClaimOutcome? Refusal) Check(ClaimLine line, ItemWorkInput input, string currency, DateTime now)
    {
        ClaimOutcome? refusal = null;
        string? Text(string? value, string field, int max)
        {
            var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (text is { Length: var length } && length > max)
            {
                refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, field, "At most {0} characters.", max);
            }

            return text;
        }


        var diagnosis = Text(input.Diagnosis, "diagnosis", ClaimLimits.LongText);
        var statement = Text(input.SupplierStatement, "supplierStatement", ClaimLimits.LongText);
        var remedy = GrantedRemedy.None;
        if (!string.IsNullOrWhiteSpace(input.Remedy) && !Codes.TryParse(input.Remedy, out remedy))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "remedy", "Choose a remedy from the list.");
        }

        if (line.Decision == LineDecision.Rejected && remedy is not (GrantedRemedy.None or GrantedRemedy.ReturnUnrepaired))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "remedy", "Item {0} is rejected: it can only be returned unrepaired.", line.LineNo);
        }

        string? serial = null, refundCurrency = null, repairDone = null, repairParts = null;
        decimal? amount = null;
        int? minutes = null;
        switch (remedy)
        {
            case GrantedRemedy.Replacement:
                serial = Text(input.ReplacementSerial, "replacementSerial", ClaimLimits.Code);
                if (serial is null)
                {
                    refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "replacementSerial", "A replacement needs the serial number of the item given in its place.");
                }

                break;
            case GrantedRemedy.Refund or GrantedRemedy.PriceReduction or GrantedRemedy.CreditNote:
                amount = input.RefundAmount;
                if (amount is not > 0m)
                {
                    refusal ??= remedy switch
                    {
                        GrantedRemedy.Refund => ClaimOutcome.Refuse(Refusal.Invalid, "refundAmount", "A refund needs the amount refunded, more than zero."),
                        GrantedRemedy.PriceReduction => ClaimOutcome.Refuse(Refusal.Invalid, "refundAmount", "A price reduction needs the amount taken off, more than zero."),
                        _ => ClaimOutcome.Refuse(Refusal.Invalid, "refundAmount", "A credit note needs its amount, more than zero."),
                    };
                }
                else if (amount > ClaimLimits.MaxUnitPrice || decimal.Round(amount.Value, 2) != amount)
                {
                    refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "refundAmount", "An amount has at most two decimal places and is at most {0}.", ClaimLimits.MaxUnitPrice);
                }

                refundCurrency = CostRules.Currency(input.RefundCurrency, currency);
                if (refundCurrency is null)
                {
                    refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "refundCurrency", "A currency is a three-letter ISO 4217 code (PLN, CZK, EUR).");
                }

                break;
            case GrantedRemedy.Repair:
                repairDone = Text(input.RepairDone, "repairDone", ClaimLimits.LongText);
                repairParts = Text(input.RepairParts, "repairParts", ClaimLimits.LongText);
                minutes = input.RepairMinutes;
                if (repairDone is null)
                {
                    refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "repairDone", "A repair needs a report of what was done.");
                }

                if (minutes is < 1 or > Claim.MaxRepairMinutes)
                {
                    refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "repairMinutes", "The repair time is in whole minutes, from 1 to {0}.", Claim.MaxRepairMinutes);
                }

                break;
        }

        var received = input.GoodsReceivedAt;
        var returned = input.ReturnedAt;
        var tracking = Text(input.ReturnTrackingNumber, "returnTrackingNumber", ClaimLimits.Code);
        ReturnMethod? method = null;
        if (!string.IsNullOrWhiteSpace(input.ReturnMethod))
        {
            if (Codes.TryParse<ReturnMethod>(input.ReturnMethod, out var parsed))
            {
                method = parsed;
            }
            else
            {
                refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "returnMethod", "Choose how the item went back from the list.");
            }
        }

        if (received > now)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "goodsReceivedAt", "A date cannot be in the future.");
        }

        if (returned > now)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "returnedAt", "A date cannot be in the future.");
        }

        if (returned < received)
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "returnedAt", "The item cannot go back before it came in.");
        }

        if (returned is not null && method is null && string.IsNullOrWhiteSpace(input.ReturnMethod))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "returnMethod", "Say how the item went back.");
        }

        if (returned is null && (method is not null || tracking is not null))
        {
            refusal ??= ClaimOutcome.Refuse(Refusal.Invalid, "returnedAt", "Enter when the item was sent back.");
        }

        return (new ItemWorkFacts(diagnosis, statement, remedy, serial, amount, refundCurrency, repairDone, repairParts, minutes,
            received, returned, method, tracking), refusal);
    }
}
