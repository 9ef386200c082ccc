using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>A drawn repair document: its file name, the PDF, and the data it was drawn from (kept with it).</summary>
public sealed record RepairDocument(string Kind, string FileName, byte[] Pdf, RepairDocumentData Data);

/// <summary>What a repair quote or invoice says, as data: stored with the document, sent in the webhook events.</summary>
public sealed record RepairDocumentData(
    long QuoteId, string Number, string ClaimNumber, string Status, string Currency, IReadOnlyList<RepairQuoteLine> Lines,
    decimal Total, DateOnly ValidUntil, string? InvoiceNumber, string? RepairReport);

/// <summary>An e-mail of the repair flow, in the claimant's language.</summary>
public sealed record RepairMail(string Subject, string Text);

/// <summary>
/// The documents of a paid repair (kinds <c>repair_quote</c> and <c>repair_invoice</c>) and the e-mails that carry
/// them, in the claimant's language (en, pl, cs), whoever's request makes them.
/// </summary>
public sealed class RepairDocuments(RepairPdf pdf, IStringLocalizerFactory localizers, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
{
    public const string QuoteKind = "repair_quote";
    public const string InvoiceKind = "repair_invoice";

    public static RepairDocumentData DataOf(Claim claim, RepairQuote quote) =>
        new(quote.Id, quote.Number, claim.Number, Core.Common.Codes.Of(quote.Status), quote.Currency, quote.Lines, quote.Total,
            quote.ValidUntil, quote.InvoiceNumber, quote.RepairReport);

    /// <summary>The quote the claimant is asked to accept: its lines, total and validity.</summary>
    public RepairDocument Quote(Claim claim, RepairQuote quote, string language) => localizers.In(language, (localizer, culture) =>
    {
        List<(string, string)> rows =
        [
            (localizer["Claim number"], claim.Number),
            (localizer["Customer"], claim.ContactName),
            (localizer["Items"], Items(claim, quote)),
            (localizer["Date"], clock.ToLocal(quote.SentAt ?? quote.CreatedAt).ToString("d MMMM yyyy", culture)),
            (localizer["Valid until"], quote.ValidUntil.ToString("d MMMM yyyy", culture)),
        ];
        var sheet = Sheet(localizer, culture, localizer["Repair quote"], localizer["Quote number"], quote.Number, rows, quote,
            localizer["The items are out of warranty, so the repair is paid. Accept or decline the quote on the complaint's page by the date above."]);
        return new RepairDocument(QuoteKind, $"{quote.Number}.pdf", pdf.Render(sheet), DataOf(claim, quote));
    });

    /// <summary>The invoice of the repair done: the accepted lines and total, the repair report.</summary>
    public RepairDocument Invoice(Claim claim, RepairQuote quote, string language) => localizers.In(language, (localizer, culture) =>
    {
        List<(string, string)> rows =
        [
            (localizer["Claim number"], claim.Number),
            (localizer["Customer"], claim.ContactName),
            (localizer["Quote number"], quote.Number),
            (localizer["Date"], clock.ToLocal(quote.InvoicedAt ?? clock.UtcNow).ToString("d MMMM yyyy", culture)),
            (localizer["Repair done"], quote.RepairReport ?? "—"),
        ];
        var sheet = Sheet(localizer, culture, localizer["Repair invoice"], localizer["Invoice number"], quote.InvoiceNumber ?? quote.Number, rows,
            quote, localizer["The repair you accepted was done. The amount above is due as your invoice from us states."]);
        return new RepairDocument(InvoiceKind, $"{quote.InvoiceNumber ?? quote.Number}.pdf", pdf.Render(sheet), DataOf(claim, quote));
    });

    /// <summary>The e-mail that sends the quote with a link to answer it on the tracking page.</summary>
    public RepairMail QuoteMail(Claim claim, RepairQuote quote, string link) => localizers.In(claim.ContactLanguage, (localizer, culture) =>
        new RepairMail(
            localizer["Repair quote {0} for complaint {1}", quote.Number, claim.Number],
            string.Join('\n',
                localizer["Hello {0},", claim.ContactName].Value,
                "",
                localizer["the items of your complaint {0} are out of warranty. We can repair them for {1}; the attached PDF lists what the repair includes.", claim.Number, Money(quote.Total, quote.Currency, culture)].Value,
                "",
                localizer["Accept or decline the quote by {0} here:", quote.ValidUntil.ToString("d MMMM yyyy", culture)].Value,
                link,
                "",
                Organisation)));

    /// <summary>The e-mail that sends the invoice of the repair.</summary>
    public RepairMail InvoiceMail(Claim claim, RepairQuote quote, string link) => localizers.In(claim.ContactLanguage, (localizer, culture) =>
        new RepairMail(
            localizer["Invoice {0} for the repair of complaint {1}", quote.InvoiceNumber ?? "", claim.Number],
            string.Join('\n',
                localizer["Hello {0},", claim.ContactName].Value,
                "",
                localizer["the repair of your complaint {0} is done. The attached invoice is for {1}.", claim.Number, Money(quote.Total, quote.Currency, culture)].Value,
                "",
                localizer["Follow the complaint"].Value + ": " + link,
                "",
                Organisation)));

    /// <summary>An amount with its currency code, as the reader's culture writes numbers.</summary>
    public static string Money(decimal amount, string currency, CultureInfo culture) => $"{amount.ToString("N2", culture)} {currency}";

    private RepairSheet Sheet(IStringLocalizer localizer, CultureInfo culture, string title, string numberCaption, string number,
        List<(string, string)> rows, RepairQuote quote, string footer) =>
        new(title, Organisation, numberCaption, number, rows, localizer["Description"], localizer["Amount"],
            [.. quote.Lines.Select(l => (l.Description, Money(l.Amount, quote.Currency, culture)))],
            localizer["Total"], Money(quote.Total, quote.Currency, culture), footer);

    private static string Items(Claim claim, RepairQuote quote)
    {
        var numbers = quote.Lines.Where(l => l.LineNo is not null).Select(l => l.LineNo!.Value).Distinct().ToList();
        var lines = claim.Lines.Where(l => numbers.Count == 0 || numbers.Contains(l.LineNo)).OrderBy(l => l.LineNo);
        return string.Join('\n', lines.Select(l => l.SerialNumber is null ? $"{l.ReferenceNumber} — {l.ProductName}" : $"{l.ReferenceNumber} — {l.ProductName} ({l.SerialNumber})"));
    }

    private string Organisation => string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim();
}
