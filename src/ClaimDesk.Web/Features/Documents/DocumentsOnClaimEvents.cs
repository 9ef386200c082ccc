using System.Net.Mail;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// A transition's documents (<see cref="Core.Workflows.WorkflowTransition.EffectDocuments"/>): when a claim takes
/// it, an e-mail to the claimant, in their language, is queued in the change's transaction for each, carrying the
/// document as one the outbox makes when it sends the e-mail (<see cref="DocumentsOutbox"/>), so no PDF is drawn
/// inside the transaction. A claimant without an e-mail address gets none; staff may still make the document on the card.
/// </summary>
public sealed partial class DocumentsOnClaimEvents(
    AppDbContext db, ClaimDocuments documents, DocumentMails mails, Outbox outbox, ILogger<DocumentsOnClaimEvents> logger)
    : IHandleClaimEvents
{
    public int Order => ClaimEventOrder.People;

    public async Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
    {
        foreach (var (claim, ev) in events)
        {
            if (ev is not ClaimStatusChanged moved)
            {
                continue;
            }

            var effects = await db.WorkflowTransitions.AsNoTracking()
                .Where(t => t.RegisterId == claim.RegisterId && t.FromStatus == moved.From && t.ToStatus == moved.To)
                .Select(t => t.EffectDocuments)
                .SingleOrDefaultAsync(cancellationToken) ?? [];
            foreach (var kind in effects.Where(documents.Knows).Distinct(StringComparer.Ordinal))
            {
                if (string.IsNullOrWhiteSpace(claim.ContactEmail) || !MailAddress.TryCreate(claim.ContactEmail.Trim(), out _))
                {
                    LogNoAddress(kind, claim.Id);
                    continue;
                }

                var language = Language.IsSupported(claim.ContactLanguage) ? claim.ContactLanguage : Language.English;
                var mail = mails.Document(language, claim, kind);
                outbox.Email(claim.ContactEmail.Trim(), mail.Subject, mail.Text, attachments:
                    [new MailAttachment(DocumentFileName(claim, kind), ClaimDocuments.ContentType, [], DocumentsOutbox.Named(kind, claim.Id))]);
            }
        }
    }

    private static string DocumentFileName(Claim claim, string kind) => $"{claim.Number}-{kind.Replace('_', '-')}.pdf";

    [LoggerMessage(EventId = 3802, Level = LogLevel.Information,
        Message = "The transition's document {Kind} of claim {ClaimId} is not sent: the claimant has no e-mail address")]
    private partial void LogNoAddress(string kind, long claimId);
}
