using System.Globalization;
using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// What the RMA label of a claim says, in the claimant's language: the claim number (in large type and as a QR code),
/// where the goods go back to, who sends them, and the items in the parcel. The printable page and the PDF both
/// draw this one record.
/// </summary>
public sealed record RmaLabel(
    string Language, string Number, byte[] QrCodePng, string OrganisationName, IReadOnlyList<string> ReturnAddress,
    RmaLabelSender Sender, IReadOnlyList<RmaLabelItem> Items, RmaLabelTexts Texts)
{
    /// <summary>The download name: the claim number, which in the complaints register already starts with RMA-.</summary>
    public string FileName => (Number.StartsWith("RMA-", StringComparison.Ordinal) ? Number : $"RMA-{Number}") + ".pdf";
}

public sealed record RmaLabelSender(string ContactName, string? CustomerName, string? Phone, string? Email);

public sealed record RmaLabelItem(string ReferenceNumber, string ProductName, string? ProductCode, string? SerialNumber, string Quantity);

/// <summary>The label's own words, already translated into the claimant's language.</summary>
public sealed record RmaLabelTexts(
    string Title, string ClaimNumber, string ReturnAddress, string Sender, string Items, string Reference, string Product,
    string SerialNumber, string Quantity, string Phone, string Email, string Instruction, string MoreItemsFormat);

/// <summary>Builds <see cref="RmaLabel"/>s from claims and the organisation's settings.</summary>
public sealed class RmaLabels(ClaimQueries queries, IStringLocalizerFactory localizers, IOptions<ClaimDeskOptions> options)
{
    /// <summary>The label of a claim that exists and is not deleted; <c>null</c> otherwise.</summary>
    public async Task<RmaLabel?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var claim = await queries.GetAsync(id, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var language = Language.IsSupported(claim.Contact.Language) ? claim.Contact.Language : Language.English;
        var culture = CultureInfo.GetCultureInfo(language);
        var organisation = options.Value.Organisation;
        var name = string.IsNullOrWhiteSpace(organisation.Name) ? "ClaimDesk" : organisation.Name.Trim();
        var address = (organisation.Address ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RmaLabel(
            language, claim.Number, QrCodePng(claim.Number), name, address,
            new RmaLabelSender(claim.Contact.Name, claim.Customer?.Name, Blank(claim.Contact.Phone), Blank(claim.Contact.Email)),
            [.. claim.Lines.Select(line => new RmaLabelItem(line.ReferenceNumber, line.ProductName, Blank(line.ProductCode),
                Blank(line.SerialNumber), line.Quantity.ToString("0.###", culture)))],
            TextsIn(culture));
    }

    /// <summary>A QR code that holds exactly the claim number, black on white, as a PNG.</summary>
    public static byte[] QrCodePng(string number)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(number, QRCodeGenerator.ECCLevel.M);
        // RGBA colours: PDFsharp reads truecolour PNGs, not the 1-bit ones QRCoder writes by default.
        return new PngByteQRCode(data).GetGraphic(10, [0, 0, 0, 255], [255, 255, 255, 255]);
    }

    private RmaLabelTexts TextsIn(CultureInfo culture) => localizers.In(culture.Name, (localizer, _) => new RmaLabelTexts(
        localizer["RMA label"], localizer["Claim number"], localizer["Return address"], localizer["Sender"],
        localizer["Items"], localizer["Reference"], localizer["Product"], localizer["Serial number"],
        localizer["Quantity"], localizer["Phone"], localizer["E-mail"],
        localizer["Put this label on the parcel so that we can match the goods to the claim."],
        localizer["… and {0} more items (see the claim)"]));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The printable label page: the label, where its PDF is, and the way back (the card, or the portal's claim).</summary>
public sealed record RmaLabelPage(RmaLabel Label, string PdfUrl, string BackUrl);
