using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The card's "Work on item" forms and its costs section (issue 13, partials _ItemWork and _ClaimCosts): a refused form
/// is shown again with what was typed and the reason.
/// </summary>
public sealed partial class CardModel
{
    /// <summary>The item whose work form was refused, and what was typed in it.</summary>
    public int? TypedWorkLine { get; private set; }

    public ItemWorkForm? TypedWork { get; private set; }

    /// <summary>What was typed in a cost form that was refused.</summary>
    public CostForm? TypedCost { get; private set; }

    /// <summary>The work form of an item: as typed when it was just refused, else as the item holds it.</summary>
    public ItemWorkForm WorkFormOf(ClaimLineDetail line, OrganisationClock clock) =>
        TypedWorkLine == line.LineNo && TypedWork is { } typed ? typed : ItemWorkForm.Of(line, clock);

    public async Task<IActionResult> OnPostItemWorkAsync(long id, int lineNo, [FromForm(Name = "work")] ItemWorkForm? work,
        [FromServices] ClaimItemWork itemWork, [FromServices] OrganisationClock clock)
    {
        work ??= new ItemWorkForm();
        (TypedWorkLine, TypedWork) = (lineNo, work);
        var (input, problem) = work.Parse(clock);
        var outcome = problem ?? await itemWork.RecordAsync(id, lineNo, input!, audit.CurrentActor, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, localizer["The work on item {0} was saved.", lineNo]);
    }

    public async Task<IActionResult> OnPostAddCostAsync(long id, [FromForm(Name = "cost")] CostForm? cost, [FromServices] ClaimItemWork itemWork)
    {
        TypedCost = cost ??= new CostForm();
        var (input, problem) = cost.Parse();
        var outcome = problem ?? (await itemWork.AddCostAsync(id, input!, audit.CurrentActor, HttpContext.RequestAborted)).Outcome;
        return await AfterAsync(id, outcome, null, localizer["The cost was added."]);
    }

    public async Task<IActionResult> OnPostRemoveCostAsync(long id, long costId, [FromServices] ClaimItemWork itemWork)
    {
        var outcome = await itemWork.RemoveCostAsync(id, costId, audit.CurrentActor, HttpContext.RequestAborted);
        return await AfterAsync(id, outcome, null, localizer["The cost was removed."]);
    }
}

/// <summary>An item's work form as typed: every value a string, so a wrong one is shown again as it was typed.</summary>
public sealed class ItemWorkForm
{
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm";

    public string? Diagnosis { get; set; }
    public string? SupplierStatement { get; set; }
    public string? Remedy { get; set; }
    public string? ReplacementSerial { get; set; }
    public string? RefundAmount { get; set; }
    public string? RefundCurrency { get; set; }
    public string? RepairDone { get; set; }
    public string? RepairParts { get; set; }
    public string? RepairMinutes { get; set; }

    /// <summary>As a <c>datetime-local</c> input gives it, in the organisation's time zone.</summary>
    public string? GoodsReceivedAt { get; set; }

    public string? ReturnedAt { get; set; }
    public string? ReturnMethod { get; set; }
    public string? ReturnTrackingNumber { get; set; }

    public static ItemWorkForm Of(ClaimLineDetail line, OrganisationClock clock)
    {
        var work = line.Work;
        string? Local(DateTime? utc) => utc is { } at ? clock.ToLocal(at).ToString(TimeFormat, CultureInfo.InvariantCulture) : null;
        return new ItemWorkForm
        {
            Diagnosis = line.Diagnosis,
            SupplierStatement = work?.SupplierStatement,
            Remedy = work is null || work.Remedy == Core.Common.Codes.Of(GrantedRemedy.None) ? null : work.Remedy,
            ReplacementSerial = work?.ReplacementSerial,
            RefundAmount = work?.RefundAmount?.ToString("0.00", CultureInfo.CurrentCulture),
            RefundCurrency = work?.RefundCurrency,
            RepairDone = work?.RepairDone,
            RepairParts = work?.RepairParts,
            RepairMinutes = work?.RepairMinutes?.ToString(CultureInfo.InvariantCulture),
            GoodsReceivedAt = Local(work?.GoodsReceivedAt),
            ReturnedAt = Local(work?.ReturnedAt),
            ReturnMethod = work?.ReturnMethod,
            ReturnTrackingNumber = work?.ReturnTrackingNumber,
        };
    }

    /// <summary>The form's values for the claim, or the refusal of the first one that is no number or no date.</summary>
    public (ItemWorkInput? Input, ClaimOutcome? Problem) Parse(OrganisationClock clock)
    {
        if (!FormValues.TryAmount(RefundAmount, out var amount))
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "refundAmount", "'{0}' is not a number.", RefundAmount!));
        }

        int? minutes = null;
        if (!string.IsNullOrWhiteSpace(RepairMinutes))
        {
            if (!int.TryParse(RepairMinutes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, "repairMinutes", "The repair time is in whole minutes, from 1 to {0}.",
                    Claim.MaxRepairMinutes));
            }

            minutes = parsed;
        }

        if (!FormValues.TryTime(GoodsReceivedAt, clock, out var received))
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "goodsReceivedAt", "'{0}' is not a date.", GoodsReceivedAt!));
        }

        if (!FormValues.TryTime(ReturnedAt, clock, out var returned))
        {
            return (null, ClaimOutcome.Refuse(Refusal.Invalid, "returnedAt", "'{0}' is not a date.", ReturnedAt!));
        }

        return (new ItemWorkInput
        {
            Diagnosis = Diagnosis,
            SupplierStatement = SupplierStatement,
            Remedy = Remedy,
            ReplacementSerial = ReplacementSerial,
            RefundAmount = amount,
            RefundCurrency = RefundCurrency,
            RepairDone = RepairDone,
            RepairParts = RepairParts,
            RepairMinutes = minutes,
            GoodsReceivedAt = received,
            ReturnedAt = returned,
            ReturnMethod = ReturnMethod,
            ReturnTrackingNumber = ReturnTrackingNumber,
        }, null);
    }
}

/// <summary>A cost form as typed.</summary>
public sealed class CostForm
{
    /// <summary>The item's number, or empty for the claim as a whole.</summary>
    public string? LineNo { get; set; }

    public string? Kind { get; set; }
    public string? Description { get; set; }
    public string? Amount { get; set; }
    public string? Currency { get; set; }
    public string? BorneBy { get; set; }
    public string? GlAccount { get; set; }

    public (CostInput? Input, ClaimOutcome? Problem) Parse()
    {
        int? lineNo = null;
        if (!string.IsNullOrWhiteSpace(LineNo))
        {
            if (!int.TryParse(LineNo, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, ClaimOutcome.Refuse(Refusal.Invalid, "lineNo", "The claim has no line {0}.", LineNo));
            }

            lineNo = parsed;
        }

        return FormValues.TryAmount(Amount, out var amount)
            ? (new CostInput(lineNo, Kind, Description, amount, Currency, BorneBy, GlAccount), null)
            : (null, ClaimOutcome.Refuse(Refusal.Invalid, "amount", "'{0}' is not a number.", Amount!));
    }
}

/// <summary>Numbers and times as the card's forms take them: a decimal comma or point; a local time of the organisation.</summary>
internal static class FormValues
{
    public static bool TryAmount(string? text, out decimal? amount)
    {
        amount = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var normalised = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(',', '.');
        if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        amount = value;
        return true;
    }

    public static bool TryTime(string? text, OrganisationClock clock, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        string[] formats = [ItemWorkForm.TimeFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || clock.Zone.IsInvalidTime(local))
        {
            return false;
        }

        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), clock.Zone);
        return true;
    }
}
