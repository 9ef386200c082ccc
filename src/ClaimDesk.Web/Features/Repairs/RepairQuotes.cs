using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Repairs;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Repairs;

/// <summary>
/// The paid repair of a claim's items out of warranty (issue 13, point 6), for the staff card, the claimant's tracking
/// page, the partner portal and the API: a quote is prepared and sent (e-mailed with its PDF and a tracking link), the
/// claimant accepts or declines it once, which moves the claim to the status the quote names, staff record the repair
/// and issue its invoice (PDF, e-mailed). Each step is one transaction: the domain method decides, the step is audited
/// on the claim and raised as <see cref="RepairQuoteChanged"/>, whose webhook event commits with it. The PDFs are
/// documents of the claim's document store (kinds <c>repair_quote</c>, <c>repair_invoice</c>): the e-mail queued in
/// the step's transaction names the document, which the outbox draws, stores and attaches when it sends the e-mail.
/// </summary>
public sealed class RepairQuotes(
    AppDbContext db, ClaimEventDispatcher dispatcher, OrganisationClock clock, TrackingLinks trackingLinks,
    Outbox outbox, RepairDocuments documents, Documents.ClaimDocuments store, IStringLocalizerFactory localizers)
{
    /// <summary>The claim's quotes, newest first.</summary>
    public async Task<IReadOnlyList<RepairQuote>> ListAsync(long claimId, CancellationToken cancellationToken = default) =>
        await db.RepairQuotes.AsNoTracking().Where(q => q.ClaimId == claimId).OrderByDescending(q => q.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Prepares a quote from what staff typed and sends it to the claimant; refusals name the field (<c>lines[0].amount</c>,
    /// <c>currency</c>, <c>validUntil</c>, <c>acceptStatus</c> …). A claim has one quote waiting for an answer at a time.
    /// </summary>
    public async Task<(ClaimOutcome Outcome, RepairQuote? Quote)> SendAsync(
        long claimId, RepairQuoteInput input, Actor actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await LoadClaimAsync(claimId, cancellationToken);
        if (claim is null)
        {
            return (ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist."), null);
        }

        if (string.IsNullOrWhiteSpace(claim.ContactEmail))
        {
            return (ClaimOutcome.Refuse(Refusal.Invalid, "contact",
                "The claimant has no e-mail address, so the quote cannot reach them. Add one to the claim first."), null);
        }

        var today = clock.Today;
        var quotes = await db.RepairQuotes.Where(q => q.ClaimId == claimId).ToListAsync(cancellationToken);
        if (quotes.FirstOrDefault(q => q.IsOpen(today)) is { } open)
        {
            return (ClaimOutcome.Refuse(Refusal.Conflict, null, "The quote {0} is still waiting for the claimant's answer.", open.Number), null);
        }

        var now = clock.UtcNow;
        var (quote, outcome) = RepairQuote.Prepare(claim, claim.Register!.Workflow, input, quotes.Count + 1, actor, today, now);
        if (quote is null)
        {
            return (outcome, null);
        }

        var log = new ChangeLog();
        quote.Send(actor, now, log);
        db.RepairQuotes.Add(quote);
        await db.SaveChangesAsync(cancellationToken);

        var mail = documents.QuoteMail(claim, quote, trackingLinks.Issue(claimId, baseUrl));
        outbox.Email(claim.ContactEmail.Trim(), mail.Subject, mail.Text, attachments:
            [new MailAttachment($"{quote.Number}.pdf", Documents.ClaimDocuments.ContentType, [], Documents.DocumentsOutbox.Named(RepairDocuments.QuoteKind, claimId))]);
        claim.RepairQuoteStep(quote, RepairStep.QuoteSent, now);
        return (await SaveAsync(claim, log, actor, now, transaction, cancellationToken), quote);
    }

    /// <summary>
    /// The claimant's answer (or staff's or the ERP's on their behalf), once: accepted moves the claim to the quote's
    /// accept status, declined to its decline status, as far as the workflow allows that move from where the claim is
    /// then (the quote's sender chose the statuses, so the move is made on the quote's authority; a move the workflow
    /// no longer has is left out and written in the history). A quote past its validity is marked expired and refused.
    /// </summary>
    public async Task<ClaimOutcome> AnswerAsync(long claimId, long quoteId, bool accept, RepairAnswerChannel channel, Actor actor,
        string? address, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (claim, quote) = await LoadAsync(claimId, quoteId, cancellationToken);
        if (claim is null || quote is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim has no such repair quote.");
        }

        var now = clock.UtcNow;
        var log = new ChangeLog();
        if (quote.ExpireIfDue(clock.Today, now, log))
        {
            var expired = quote.Answer(accept, channel, actor.Name, address, clock.Today, now, new ChangeLog());
            await dispatcher.SaveAsync([claim], new ClaimChangeContext(actor, now, log), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return expired;
        }

        var outcome = quote.Answer(accept, channel, actor.Name, address, clock.Today, now, log);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        var workflow = claim.Register!.Workflow;
        if ((accept ? quote.AcceptStatus : quote.DeclineStatus) is { } target && target != claim.Status)
        {
            var from = claim.Status;
            var moved = workflow.Transition(from, target) is { } transition
                ? claim.MoveTo(workflow, target, MoveInput(claim, quote, accept),
                    new Actor(actor.Kind, actor.Id, actor.Name, [.. transition.AllowedRoles]), now, log, claim.Register.CustomFields)
                : ClaimOutcome.Refuse(Refusal.NotInWorkflow, null, "");
            if (!moved.Succeeded)
            {
                log.Add(new Change(Claim.EntityType, claim.Id.ToString(CultureInfo.InvariantCulture), "repair_move_not_made", "repair_quote", from, target));
            }
        }

        claim.RepairQuoteStep(quote, accept ? RepairStep.QuoteAccepted : RepairStep.QuoteDeclined, now);
        return await SaveAsync(claim, log, actor, now, transaction, cancellationToken);
    }

    /// <summary>Staff record the repair of an accepted quote as done, with what was done.</summary>
    public async Task<ClaimOutcome> RecordRepairAsync(long claimId, long quoteId, string? report, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.Roles.Any(StaffRole.Staff.Contains))
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, null, "Only staff may record a repair.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (claim, quote) = await LoadAsync(claimId, quoteId, cancellationToken);
        if (claim is null || quote is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim has no such repair quote.");
        }

        var now = clock.UtcNow;
        var log = new ChangeLog();
        var outcome = quote.RecordRepair(report, actor, now, log);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        claim.RepairQuoteStep(quote, RepairStep.Repaired, now);
        return await SaveAsync(claim, log, actor, now, transaction, cancellationToken);
    }

    /// <summary>Issues the invoice of a repaired quote: its PDF is kept with the claim and e-mailed to the claimant.</summary>
    public async Task<ClaimOutcome> InvoiceAsync(long claimId, long quoteId, Actor actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        if (!actor.Roles.Any(StaffRole.Staff.Contains))
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, null, "Only staff may issue an invoice.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (claim, quote) = await LoadAsync(claimId, quoteId, cancellationToken);
        if (claim is null || quote is null)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim has no such repair quote.");
        }

        var now = clock.UtcNow;
        var log = new ChangeLog();
        var outcome = quote.Invoice(actor, now, log);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        var emailed = !string.IsNullOrWhiteSpace(claim.ContactEmail) && System.Net.Mail.MailAddress.TryCreate(claim.ContactEmail.Trim(), out _);
        if (emailed)
        {
            var mail = documents.InvoiceMail(claim, quote, trackingLinks.Issue(claimId, baseUrl));
            outbox.Email(claim.ContactEmail!.Trim(), mail.Subject, mail.Text, attachments:
                [new MailAttachment($"{quote.InvoiceNumber}.pdf", Documents.ClaimDocuments.ContentType, [], Documents.DocumentsOutbox.Named(RepairDocuments.InvoiceKind, claimId))]);
        }

        claim.RepairQuoteStep(quote, RepairStep.Invoiced, now);
        var saved = await SaveAsync(claim, log, actor, now, transaction, cancellationToken);
        if (saved.Succeeded && !emailed)
        {
            // Nobody to e-mail it to: the invoice is still stored with the claim, for staff to hand over.
            await store.CreateAsync(claimId, RepairDocuments.InvoiceKind, actor, cancellationToken);
        }

        return saved;
    }

    /// <summary>The reason and comment a move on the claimant's answer carries, in the claimant's language.</summary>
    private TransitionInput MoveInput(Claim claim, RepairQuote quote, bool accept)
    {
        var text = localizers.In(claim.ContactLanguage, (localizer, _) => accept
            ? localizer["The claimant accepted the repair quote {0}.", quote.Number].Value
            : localizer["The claimant declined the repair quote {0}.", quote.Number].Value);
        return new TransitionInput(new Dictionary<string, string?> { ["reason"] = text, ["comment"] = text }, []);
    }

    /// <summary>
    /// Hands the claim's events to the features and saves once, then commits; a claim changed meanwhile by someone else
    /// is a conflict and nothing is kept.
    /// </summary>
    private async Task<ClaimOutcome> SaveAsync(Claim claim, ChangeLog log, Actor actor, DateTime now,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await dispatcher.SaveAsync([claim], new ClaimChangeContext(actor, now, log), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ClaimOutcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "Someone else changed the claim meanwhile. Reload it and try again.");
        }
    }

    private async Task<(Claim? Claim, RepairQuote? Quote)> LoadAsync(long claimId, long quoteId, CancellationToken cancellationToken)
    {
        var quote = await db.RepairQuotes.SingleOrDefaultAsync(q => q.Id == quoteId && q.ClaimId == claimId, cancellationToken);
        return quote is null ? (null, null) : (await LoadClaimAsync(claimId, cancellationToken), quote);
    }

    private Task<Claim?> LoadClaimAsync(long claimId, CancellationToken cancellationToken) =>
        db.Claims
            .Include(c => c.Lines)
            .Include(c => c.Register).ThenInclude(r => r!.Statuses)
            .Include(c => c.Register).ThenInclude(r => r!.Transitions)
            .Include(c => c.Register).ThenInclude(r => r!.CustomFields)
            .Include(c => c.CustomValues)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == claimId && !c.IsDeleted, cancellationToken);
}
