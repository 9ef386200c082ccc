using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// The closing protocol (<c>closing_protocol</c>, CZ-CONS-CLOSE): the date and manner of resolution, per item the
/// remedy and, for a repair, what was done and how long it took (goods received → resolved), the reasons of a
/// rejection, and the communication with the claimant (every message to and from them; internal notes are left out).
/// </summary>
public sealed class ClosingProtocol(
    AppDbContext db, IStringLocalizerFactory localizers, DocumentPdf pdf, OrganisationClock clock, IOptions<ClaimDeskOptions> options)
    : IClaimDocumentKind
{
    public string Kind => DocumentKinds.ClosingProtocol;

    public async Task<DocumentDraft> DraftAsync(Claim claim, string language, CancellationToken cancellationToken)
    {
        if ((claim.ResolvedAt ?? claim.ClosedAt) is not { } resolvedAt)
        {
            throw new ClaimDocumentException(Refusal.Conflict, DocumentMessages.NotFinished);
        }

        var messages = await db.ClaimMessages.AsNoTracking()
            .Where(m => m.ClaimId == claim.Id && (m.Kind == MessageKind.Outbound || m.Kind == MessageKind.Inbound))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Kind, m.Body, m.CreatedAt })
            .ToListAsync(cancellationToken);
        var organisation = options.Value.Organisation;
        var items = claim.Lines.OrderBy(l => l.LineNo).ToList();
        var duration = claim.GoodsReceivedAt is { } received && resolvedAt >= received ? resolvedAt - received : (TimeSpan?)null;
        var data = new
        {
            claim = claim.Number,
            company = new { name = DocumentText.Organisation(organisation), address = organisation.Address },
            claimant = claim.ContactName,
            language,
            receivedAt = claim.ReceivedAt,
            goodsReceivedAt = claim.GoodsReceivedAt,
            resolvedAt,
            durationDays = duration is { } d ? Math.Round(d.TotalDays, 1) : (double?)null,
            decision = Codes.Of(claim.Decision),
            items = items.Select(l => new
            {
                lineNo = l.LineNo,
                reference = l.ReferenceNumber,
                product = l.ProductName,
                decision = Codes.Of(l.Decision),
                reason = l.DecisionReason,
                goodsReceivedAt = l.GoodsReceivedAt,
                returnedAt = l.ReturnedAt,
                remedy = DocumentText.RemedyData(l),
            }).ToList(),
            messages = messages.Select(m => new { at = m.CreatedAt, direction = m.Kind, text = m.Body }).ToList(),
        };

        var bytes = localizers.In(language, (localizer, culture) =>
        {
            List<LetterBlock> blocks =
            [
                new LetterRow(localizer["Claimant"], claim.ContactName),
                new LetterRow(localizer["Date the claim was made"], DocumentText.DateTime(clock, claim.ReceivedAt, culture)),
                new LetterRow(localizer["Goods received"], claim.GoodsReceivedAt is { } goods ? DocumentText.DateTime(clock, goods, culture) : "—"),
                new LetterRow(localizer["Date of resolution"], DocumentText.DateTime(clock, resolvedAt, culture)),
                new LetterRow(localizer["Duration"], duration is { } took
                    ? localizer["{0} days (from the goods' receipt to the resolution)", Math.Round(took.TotalDays, 1).ToString("0.#", culture)]
                    : "—"),
                new LetterRow(localizer["Manner of resolution"], string.Join(" — ", new[]
                {
                    localizer[CodeLabels.Of(claim.Decision)].Value,
                    string.Join(", ", items.Where(l => l.Remedy != GrantedRemedy.None).Select(l => DocumentText.RemedyName(l.Remedy, localizer)).Distinct()),
                }.Where(p => p.Length > 0))),
            ];
            foreach (var line in items)
            {
                blocks.Add(new LetterHeading(localizer["Item {0}: {1}", line.LineNo, line.ReferenceNumber]));
                blocks.Add(new LetterRow(localizer["Product"], line.ProductCode is null ? line.ProductName : $"{line.ProductName} ({line.ProductCode})"));
                blocks.Add(new LetterRow(localizer["Decision"], localizer[CodeLabels.Of(line.Decision)]));
                if (!string.IsNullOrWhiteSpace(line.DecisionReason))
                {
                    blocks.Add(new LetterRow(localizer["Reason"], line.DecisionReason));
                }

                blocks.AddRange(DocumentText.Remedy(line, localizer, culture));
                if (line.GoodsReceivedAt is { } itemReceived && resolvedAt >= itemReceived)
                {
                    blocks.Add(new LetterRow(localizer["Duration"],
                        localizer["{0} days (from the goods' receipt to the resolution)", Math.Round((resolvedAt - itemReceived).TotalDays, 1).ToString("0.#", culture)]));
                }

                if (line.ReturnedAt is { } returned)
                {
                    blocks.Add(new LetterRow(localizer["Sent back"], DocumentText.Date(clock, returned, culture)));
                }
            }

            blocks.Add(new LetterHeading(localizer["Communication with the claimant"]));
            if (messages.Count == 0)
            {
                blocks.Add(new LetterParagraph(localizer["No messages were exchanged."]));
            }

            foreach (var message in messages)
            {
                var direction = message.Kind == MessageKind.Outbound ? localizer["To the claimant"] : localizer["From the claimant"];
                blocks.Add(new LetterRow($"{DocumentText.DateTime(clock, message.CreatedAt, culture)}\n{direction}", message.Body));
            }

            return pdf.Render(new DocumentLetter(
                localizer["Closing protocol"], DocumentText.Organisation(organisation), organisation.Address,
                localizer["Claim number"], claim.Number, blocks,
                localizer["This protocol confirms how and when the complaint was resolved."]));
        });
        return new DocumentDraft($"{claim.Number}-closing-protocol.pdf", bytes, data);
    }
}
