using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

public sealed record IntakeMail(string Subject, string Text, IReadOnlyList<MailAttachment> Attachments);

/// <summary>The e-mails of web intake, in the claimant's language (not the language of whoever's request sends them).</summary>
public sealed class IntakeMails(
    IStringLocalizerFactory localizers, IntakeConfirmationPdf pdf, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
{
    public IntakeMail Activation(string language, string name, string link, int days) => In(language, (localizer, _) => new IntakeMail(
        localizer["Confirm your complaint"],
        string.Join('\n',
            localizer["Hello {0},", name].Value,
            "",
            localizer["we have received your complaint. To send it to us, open this link within {0} days:", days].Value,
            link,
            "",
            localizer["Until you open it, nobody processes the complaint. If you did not fill in our form, ignore this message."].Value,
            "",
            Organisation),
        []));

    /// <summary>
    /// The acknowledgement of <paramref name="claims"/> with their intake confirmation as a PDF: drawn now, or, when
    /// <paramref name="confirmationWhenSent"/>, named as a document that the outbox makes when it sends the e-mail
    /// (<see cref="IntakeDocuments"/>), so a caller holding the claim number's lock does not draw it.
    /// </summary>
    public IntakeMail Acknowledgement(string language, IReadOnlyList<(Claim Claim, string Link)> claims, bool confirmationWhenSent = false) =>
        In(language, (localizer, culture) =>
    {
        var numbers = string.Join(", ", claims.Select(c => c.Claim.Number));
        var lines = new List<string> { localizer["Hello {0},", claims[0].Claim.ContactName], "", localizer["your complaint is registered. Its numbers and where to follow it:"], "" };
        foreach (var (claim, link) in claims)
        {
            lines.Add($"{claim.Number} — {claim.Lines[0].ProductName}");
            lines.Add($"{localizer["Follow the complaint"]}: {link}");
            lines.Add("");
        }

        lines.Add(localizer["The attached PDF confirms what you claimed and when."]);
        lines.Add("");
        lines.Add(Organisation);
        var file = $"{claims[0].Claim.Number}.pdf";
        var attachment = confirmationWhenSent
            ? new MailAttachment(file, "application/pdf", [], IntakeDocuments.Confirmation(language, claims.Select(c => c.Claim.Id)))
            : new MailAttachment(file, "application/pdf", ConfirmationPdf(localizer, culture, [.. claims.Select(c => c.Claim)]));
        return new IntakeMail(localizer["Complaint {0} is registered", numbers], string.Join('\n', lines), [attachment]);
    });

    /// <summary>The intake confirmation (CZ-CONS-CONFIRM) of a claim, as the acknowledgement carried it, in <paramref name="language"/>.</summary>
    public byte[] ConfirmationPdf(string language, Claim claim) => ConfirmationPdf(language, [claim]);

    /// <summary>The intake confirmation of several claims (one submission), in <paramref name="language"/>.</summary>
    public byte[] ConfirmationPdf(string language, IReadOnlyList<Claim> claims) =>
        In(language, (localizer, culture) => ConfirmationPdf(localizer, culture, claims));

    private byte[] ConfirmationPdf(IStringLocalizer localizer, CultureInfo culture, IReadOnlyList<Claim> claims) =>
        pdf.Render(new IntakeConfirmation(
            localizer["Confirmation of a complaint"], Organisation, localizer["Claim number"],
            localizer["We will decide on the complaint and tell you the outcome at the contact above."],
            [.. claims.Select(c => Confirmation(c, localizer, culture))]));

    public IntakeMail TrackingLink(string language, string number, string link) => In(language, (localizer, _) => new IntakeMail(
        localizer["How to follow complaint {0}", number],
        string.Join('\n',
            localizer["Follow complaint {0} here:", number].Value,
            link,
            "",
            localizer["You asked for this link on our website. If you did not, ignore this message."].Value,
            "",
            Organisation),
        []));

    /// <summary>
    /// A public message from staff, sent to the claimant with a link to answer on the tracking page; <paramref name="author"/>
    /// is who it is from as claimants see it (<see cref="StaffSignature"/>).
    /// </summary>
    public IntakeMail Message(string language, string name, string number, string body, int files, string link, string author) => In(language, (localizer, _) =>
    {
        var lines = new List<string> { localizer["Hello {0},", name], "", localizer["{0} sent you a new message about your complaint {1}:", author, number], "", body };
        if (files > 0)
        {
            lines.AddRange(["", localizer["Files come with it ({0}); download them on the complaint's page.", files]]);
        }

        lines.AddRange(["", localizer["Read the complaint and answer here:"], link, "", Organisation]);
        return new IntakeMail(localizer["New message about complaint {0}", number], string.Join('\n', lines), []);
    });

    /// <summary>
    /// A public message from staff as a text message, for a claimant reached by phone: who it is from, the claim, the
    /// message and the link to answer (files stay on the tracking page).
    /// </summary>
    public string MessageText(string language, string number, string body, int files, string link, string author) => In(language, (localizer, _) =>
    {
        List<string> parts = [localizer["{0}, complaint {1}:", author, number]];
        if (body.Length > 0)
        {
            parts.Add(body);
        }

        if (files > 0)
        {
            parts.Add(localizer["Files ({0}) are on the complaint's page:", files]);
        }

        parts.Add(link);
        return string.Join(' ', parts);
    });

    private string Organisation => string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim();

    /// <summary>What CZ-CONS-CONFIRM asks the written confirmation to state: the date the claim was made, its content
    /// (the defect), the remedy asked for, and the consumer's contact for the outcome.</summary>
    private IntakeConfirmationClaim Confirmation(Claim claim, IStringLocalizer localizer, CultureInfo culture)
    {
        string?[] contact = [claim.ContactName, claim.ContactEmail, claim.ContactPhone];
        List<(string, string)> rows = [(localizer["Date the claim was made"], clock.ToLocal(claim.ReceivedAt).ToString("d MMMM yyyy, HH:mm", culture))];
        // A claim of web intake has one item; one recorded by staff or in the portal may have several, each under its reference.
        var items = claim.Lines.OrderBy(l => l.LineNo).ToList();
        foreach (var line in items)
        {
            if (items.Count > 1)
            {
                rows.Add((localizer["Item {0}", line.LineNo], line.ReferenceNumber));
            }

            rows.AddRange(
            [
                (localizer["Product"], line.ProductCode is null ? line.ProductName : $"{line.ProductName} ({line.ProductCode})"),
                (localizer["Serial number"], line.SerialNumber ?? "—"),
                (localizer["Quantity"], line.Quantity.ToString("0.###", culture)),
                (localizer["Purchase date"], line.PurchaseDate?.ToString("d MMMM yyyy", culture) ?? "—"),
                (localizer["Receipt or invoice number"], line.SalesDocumentNumber ?? "—"),
                (localizer["Defect"], line.FaultDescription),
            ]);
        }

        rows.AddRange(
        [
            (localizer["Remedy asked for"], localizer[CodeLabels.Of(claim.RequestedRemedy)]),
            (localizer["Legal basis"], localizer[CodeLabels.Of(claim.LegalBasis)]),
            (localizer["How the goods reach us"], localizer[CodeLabels.Of(claim.DeliveryMethod)]),
        ]);
        if (claim.PickupAddress is { } pickup)
        {
            rows.Add((localizer["Pickup address"], pickup));
        }

        if (claim.ParcelLockerId is { } locker)
        {
            rows.Add((localizer["Parcel locker id"], locker));
        }

        rows.Add((localizer["Contact for the outcome"], string.Join(", ", contact.Where(c => !string.IsNullOrWhiteSpace(c)))));
        if (!string.IsNullOrWhiteSpace(claim.Description))
        {
            rows.Add((localizer["Notes"], claim.Description));
        }

        return new IntakeConfirmationClaim(claim.Number, rows);
    }

    private T In<T>(string language, Func<IStringLocalizer, CultureInfo, T> build) => localizers.In(language, build);
}
