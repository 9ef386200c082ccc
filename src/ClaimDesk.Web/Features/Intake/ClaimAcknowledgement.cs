using System.Globalization;
using System.Net.Mail;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The acknowledgement of a claim recorded by staff, through the API or in the portal, in a register that acknowledges
/// intake (issue 11): the claimant gets what web intake sends on confirmation — the number, an absolute tracking link
/// and the written intake confirmation (CZ-CONS-CONFIRM) as a PDF — in their language. Queued in the caller's unit of
/// work, so it leaves with the claim or not at all; web intake sends its own on activation and never comes here.
/// </summary>
public sealed class ClaimAcknowledgement(Outbox outbox, IntakeMails mails, TrackingLinks trackingLinks, PublicAddress publicAddress)
{
    /// <summary>The audit action on the claim: the acknowledgement was queued to the address in its new value.</summary>
    public const string Action = "acknowledged";

    /// <summary>
    /// Queues the acknowledgement of <paramref name="claim"/> (saved, with its lines) when the claimant has an e-mail
    /// address, and records it in <paramref name="log"/>; false when there is nobody to send it to.
    /// </summary>
    public bool Queue(Claim claim, ChangeLog log)
    {
        if (string.IsNullOrWhiteSpace(claim.ContactEmail) || !MailAddress.TryCreate(claim.ContactEmail.Trim(), out _))
        {
            return false;
        }

        var link = trackingLinks.Issue(claim.Id, publicAddress.BaseUrl());
        // The PDF is drawn when the e-mail is sent: the caller holds the lock on the claim number's counter.
        var mail = mails.Acknowledgement(claim.ContactLanguage, [(claim, link)], confirmationWhenSent: true);
        outbox.Email(claim.ContactEmail, mail.Subject, mail.Text, attachments: mail.Attachments);
        log.Add(new Change(Claim.EntityType, claim.Id.ToString(CultureInfo.InvariantCulture), Action, "email", null, claim.ContactEmail.Trim()));
        return true;
    }
}
