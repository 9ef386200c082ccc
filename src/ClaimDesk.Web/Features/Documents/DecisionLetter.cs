using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Core.Registers;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// The decision letter (<c>decision_letter</c>): the company, the claim, its dates, each item's decision with its
/// reason and the remedy granted; to a Polish consumer whose demand is not fully granted (partially accepted or
/// rejected) also the statement on out-of-court dispute resolution (PL-CONS-ADR), as configured in
/// <see cref="AdrOptions"/>.
/// </summary>
public sealed class DecisionLetter(
    AppDbContext db, IStringLocalizerFactory localizers, DocumentPdf pdf, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
    : IClaimDocumentKind
{
    public string Kind => DocumentKinds.DecisionLetter;

    public async Task<DocumentDraft> DraftAsync(Claim claim, string language, CancellationToken cancellationToken)
    {
        if (claim.Decision == ClaimDecision.Pending)
        {
            throw new ClaimDocumentException(Refusal.Conflict, DocumentMessages.NotDecided);
        }

        var register = await db.Registers.AsNoTracking().Where(r => r.Id == claim.RegisterId)
            .Select(r => new { r.Code, r.Kind }).SingleAsync(cancellationToken);
        var adrApplies = AdrApplies(claim, register.Kind, JurisdictionOf(claim, register.Code, options.Value.Organisation));
        var adr = options.Value.Documents.Adr;
        var organisation = options.Value.Organisation;
        var decidedAt = claim.DecidedAt ?? clock.UtcNow;
        var items = claim.Lines.OrderBy(l => l.LineNo).ToList();
        var data = new
        {
            claim = claim.Number,
            company = new { name = DocumentText.Organisation(organisation), address = organisation.Address },
            claimant = claim.ContactName,
            language,
            customerType = Codes.Of(claim.CustomerType),
            legalBasis = Codes.Of(claim.LegalBasis),
            receivedAt = claim.ReceivedAt,
            decidedAt,
            decision = Codes.Of(claim.Decision),
            items = items.Select(l => new
            {
                lineNo = l.LineNo,
                reference = l.ReferenceNumber,
                product = l.ProductName,
                serialNumber = l.SerialNumber,
                decision = Codes.Of(l.Decision),
                reason = l.DecisionReason,
                remedy = DocumentText.RemedyData(l),
            }).ToList(),
            adr = adrApplies ? new { agrees = adr.Agrees, body = adr.Agrees ? adr.Body : null, address = adr.Agrees ? adr.Address : null } : null,
        };

        var bytes = localizers.In(language, (localizer, culture) =>
        {
            List<LetterBlock> blocks =
            [
                new LetterRow(localizer["Claimant"], claim.ContactName),
                new LetterRow(localizer["Date the claim was made"], DocumentText.Date(clock, claim.ReceivedAt, culture)),
                new LetterRow(localizer["Date of the decision"], DocumentText.Date(clock, decidedAt, culture)),
                new LetterRow(localizer["Legal basis"], localizer[CodeLabels.Of(claim.LegalBasis)]),
                new LetterRow(localizer["Remedy asked for"], localizer[CodeLabels.Of(claim.RequestedRemedy)]),
                new LetterRow(localizer["Decision"], localizer[CodeLabels.Of(claim.Decision)]),
            ];
            foreach (var line in items)
            {
                blocks.Add(new LetterHeading(localizer["Item {0}: {1}", line.LineNo, line.ReferenceNumber]));
                blocks.Add(new LetterRow(localizer["Product"], line.ProductCode is null ? line.ProductName : $"{line.ProductName} ({line.ProductCode})"));
                if (line.SerialNumber is { } serial)
                {
                    blocks.Add(new LetterRow(localizer["Serial number"], serial));
                }

                blocks.Add(new LetterRow(localizer["Defect"], line.FaultDescription));
                blocks.Add(new LetterRow(localizer["Decision"], localizer[CodeLabels.Of(line.Decision)]));
                if (!string.IsNullOrWhiteSpace(line.DecisionReason))
                {
                    blocks.Add(new LetterRow(localizer["Reason"], line.DecisionReason));
                }

                blocks.AddRange(DocumentText.Remedy(line, localizer, culture));
            }

            if (adrApplies)
            {
                blocks.Add(new LetterHeading(localizer["Out-of-court dispute resolution"]));
                blocks.Add(new LetterParagraph(adr.Agrees
                    ? localizer["We agree to resolve a dispute about this complaint out of court, before: {0}.",
                        string.Join(", ", new[] { adr.Body, adr.Address }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()))]
                    : localizer["We do not agree to resolve a dispute about this complaint out of court."]));
            }

            return pdf.Render(new DocumentLetter(
                localizer["Decision on the complaint"], DocumentText.Organisation(organisation), organisation.Address,
                localizer["Claim number"], claim.Number, blocks,
                localizer["If you have questions about this decision, answer the e-mail it came with or write to us on the complaint's page."]));
        });
        return new DocumentDraft($"{claim.Number}-decision-letter.pdf", bytes, data);
    }

    /// <summary>
    /// Whether the letter carries the statement on out-of-court dispute resolution (PL-CONS-ADR): a complaint of a
    /// consumer (or of a sole trader with consumer rights, PL-PNPK) under Polish law whose demand is not fully granted.
    /// </summary>
    public static bool AdrApplies(Claim claim, RegisterKind registerKind, Jurisdiction jurisdiction) =>
        StatutoryRules.ApplyIn(registerKind)
        && jurisdiction == Jurisdiction.Pl
        && claim.CustomerType is CustomerType.Consumer or CustomerType.Pnpk
        && claim.LegalBasis != LegalBasis.PaidRepair
        && claim.Decision is ClaimDecision.PartiallyAccepted or ClaimDecision.Rejected;

    /// <summary>Whose law governs the claim: as fixed with its deadlines, else as configured for its register.</summary>
    public static Jurisdiction JurisdictionOf(Claim claim, string registerCode, OrganisationOptions organisation)
    {
        if (claim.Jurisdiction is { } fixedOne)
        {
            return fixedOne;
        }

        var code = organisation.RegisterJurisdictions.TryGetValue(registerCode, out var own) ? own : organisation.Jurisdiction;
        return Codes.TryParse<Jurisdiction>(code, out var jurisdiction) ? jurisdiction : Jurisdiction.Pl;
    }
}

/// <summary>What the documents share: the organisation's name, dates as claimants read them, the remedy of an item.</summary>
internal static class DocumentText
{
    public static string Organisation(OrganisationOptions organisation) =>
        string.IsNullOrWhiteSpace(organisation.Name) ? "ClaimDesk" : organisation.Name.Trim();

    public static string Date(OrganisationClock clock, DateTime utc, CultureInfo culture) =>
        clock.ToLocal(utc).ToString("d MMMM yyyy", culture);

    public static string DateTime(OrganisationClock clock, DateTime utc, CultureInfo culture) =>
        clock.ToLocal(utc).ToString("d MMMM yyyy, HH:mm", culture);

    /// <summary>The code of the remedy granted for the item, when one is recorded.</summary>
    public static string? RemedyCode(ClaimLine line) => line.Remedy == GrantedRemedy.None ? null : Codes.Of(line.Remedy);

    /// <summary>The remedy's facts as stored with the document's data.</summary>
    public static object? RemedyData(ClaimLine line) => line.Remedy == GrantedRemedy.None ? null : new
    {
        remedy = Codes.Of(line.Remedy),
        grantedAt = line.RemedyGrantedAt,
        replacementSerial = line.ReplacementSerial,
        refundAmount = line.RefundAmount,
        refundCurrency = line.RefundCurrency,
        repairDone = line.RepairDone,
        repairParts = line.RepairParts,
        repairMinutes = line.RepairMinutes,
    };

    /// <summary>The name of a granted remedy in the current language.</summary>
    public static string RemedyName(GrantedRemedy remedy, IStringLocalizer localizer) => remedy switch
    {
        GrantedRemedy.Repair => localizer["Repair"],
        GrantedRemedy.Replacement => localizer["Replacement"],
        GrantedRemedy.Refund => localizer["Refund"],
        GrantedRemedy.PriceReduction => localizer["Price reduction"],
        GrantedRemedy.CreditNote => localizer["Credit note"],
        GrantedRemedy.ReturnUnrepaired => localizer["Return unrepaired"],
        _ => localizer["None yet"],
    };

    /// <summary>The rows that say which remedy the item was granted and its facts (nothing while none is).</summary>
    public static IEnumerable<LetterBlock> Remedy(ClaimLine line, IStringLocalizer localizer, CultureInfo culture)
    {
        if (line.Remedy == GrantedRemedy.None)
        {
            yield break;
        }

        yield return new LetterRow(localizer["Remedy granted"], RemedyName(line.Remedy, localizer));
        if (!string.IsNullOrWhiteSpace(line.ReplacementSerial))
        {
            yield return new LetterRow(localizer["Serial number of the replacement"], line.ReplacementSerial);
        }

        if (line.RefundAmount is { } amount)
        {
            yield return new LetterRow(localizer["Amount refunded"], $"{amount.ToString("N2", culture)} {line.RefundCurrency}".Trim());
        }

        if (!string.IsNullOrWhiteSpace(line.RepairDone))
        {
            yield return new LetterRow(localizer["Repair done"], line.RepairDone);
        }

        if (!string.IsNullOrWhiteSpace(line.RepairParts))
        {
            yield return new LetterRow(localizer["Parts used"], line.RepairParts);
        }

        if (line.RepairMinutes is { } minutes)
        {
            yield return new LetterRow(localizer["Repair time"], localizer["{0} minutes", minutes.ToString(culture)]);
        }
    }
}

/// <summary>Why a document cannot be made or sent, in English (the key of its translations).</summary>
public static class DocumentMessages
{
    public const string NoSuchKind = "There is no such kind of document.";
    public const string NoClaim = "The claim does not exist.";
    public const string NoDocument = "The document does not exist.";
    public const string NotDecided = "The claim has no decision yet, so there is no decision letter to make.";
    public const string NotFinished = "The claim is neither resolved nor closed yet, so there is no closing protocol to make.";
    public const string Internal = "An internal document is not sent to the claimant.";
    public const string NoEmail = "The claimant has no e-mail address to send the document to.";
    public const string FileMissing = "The document's file is missing.";

    /// <summary>The message in the current language.</summary>
    public static string Localize(string message, IStringLocalizer localizer) => message switch
    {
        NoSuchKind => localizer["There is no such kind of document."],
        NoClaim => localizer["The claim does not exist."],
        NoDocument => localizer["The document does not exist."],
        NotDecided => localizer["The claim has no decision yet, so there is no decision letter to make."],
        NotFinished => localizer["The claim is neither resolved nor closed yet, so there is no closing protocol to make."],
        Internal => localizer["An internal document is not sent to the claimant."],
        NoEmail => localizer["The claimant has no e-mail address to send the document to."],
        FileMissing => localizer["The document's file is missing."],
        _ => message,
    };
}
