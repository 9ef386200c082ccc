using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>
/// The repair quote as a document of the store (<c>repair_quote</c>): the claim's latest sent quote, drawn in the
/// claimant's language, stored with the quote's data (lines, total, currency, validity).
/// </summary>
public sealed class RepairQuoteKind(AppDbContext db, RepairDocuments documents) : IClaimDocumentKind
{
    public string Kind => DocumentKinds.RepairQuote;

    public async Task<DocumentDraft> DraftAsync(Claim claim, string language, CancellationToken cancellationToken)
    {
        var quote = await db.RepairQuotes.AsNoTracking().Where(q => q.ClaimId == claim.Id && q.SentAt != null)
            .OrderByDescending(q => q.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ClaimDocumentException(Refusal.Conflict, RepairMessages.NoQuote);
        var drawn = documents.Quote(claim, quote, language);
        return new DocumentDraft(drawn.FileName, drawn.Pdf, drawn.Data);
    }
}

/// <summary>The repair invoice as a document of the store (<c>repair_invoice</c>): the claim's latest invoiced quote.</summary>
public sealed class RepairInvoiceKind(AppDbContext db, RepairDocuments documents) : IClaimDocumentKind
{
    public string Kind => DocumentKinds.RepairInvoice;

    public async Task<DocumentDraft> DraftAsync(Claim claim, string language, CancellationToken cancellationToken)
    {
        var quote = await db.RepairQuotes.AsNoTracking().Where(q => q.ClaimId == claim.Id && q.Status == RepairQuoteStatus.Invoiced)
            .OrderByDescending(q => q.InvoicedAt).ThenByDescending(q => q.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ClaimDocumentException(Refusal.Conflict, RepairMessages.NoInvoice);
        var drawn = documents.Invoice(claim, quote, language);
        return new DocumentDraft(drawn.FileName, drawn.Pdf, drawn.Data);
    }
}

/// <summary>The English messages (localization keys) of the repair documents.</summary>
public static class RepairMessages
{
    public const string NoQuote = "The claim has no repair quote sent, so there is no quote to make.";
    public const string NoInvoice = "The claim has no invoiced repair, so there is no invoice to make.";
}
