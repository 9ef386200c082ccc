using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

public enum ActivationState { Activated, Unknown, Used, Expired }

public sealed record ActivationResult(ActivationState State, IReadOnlyList<string> Numbers)
{
    /// <summary>The confirmed claims, each with a tracking link of its own for the page that answers the activation.</summary>
    public IReadOnlyList<ActivatedClaim> Claims { get; init; } = [];
}

/// <summary>A claim an activation confirmed: its number, its item and the path of its tracking page.</summary>
public sealed record ActivatedClaim(string Number, string ProductName, string TrackingPath);

/// <summary>
/// Consumer web intake (DESIGN §3.1): a submission becomes one claim per item, in the status awaiting confirmation
/// (<see cref="StatusRole.AwaitingConfirmation"/>), with an activation link e-mailed; the link moves them to the
/// workflow's initial status and sends the acknowledgement with the intake confirmation
/// (CZ-CONS-CONFIRM). Each action is one transaction: claims, tokens, audit events and outbox rows together.
/// </summary>
public sealed class IntakeCommands(
    AppDbContext db, ClaimIntake intake, OrganisationClock clock, Outbox outbox, IntakeMails mails,
    TrackingLinks trackingLinks, PendingUploads uploads, IOptions<ClaimDeskOptions> options, ClaimEventDispatcher dispatcher)
{
    /// <summary>The statuses in which claims wait for their claimant's confirmation (<see cref="StatusRole.AwaitingConfirmation"/>).</summary>
    public static IQueryable<WorkflowStatus> AwaitingConfirmation(AppDbContext db) =>
        db.WorkflowStatuses.Where(s => s.Role == StatusRole.AwaitingConfirmation);

    /// <summary>
    /// Validates and saves a submission; returns the field errors, none when it was saved. <paramref name="files"/>
    /// holds, per item, the tokens of its kept files (<see cref="PendingUploads"/>), which become the claim's attachments.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> SubmitAsync(
        ClaimInput input, IReadOnlyList<IReadOnlyList<string>> files, string baseUrl, CancellationToken cancellationToken = default)
    {
        var actor = new Actor("customer", null, input.Contact?.Email?.Trim() ?? "", []);
        var (_, errors) = await intake.TakeAsync(input with { Channel = "web" }, IntakeChannel.WebForm, actor,
            async (claims, _) =>
            {
                var now = clock.UtcNow;
                var first = claims[0];
                var submission = new Submission { CreatedAt = now, Email = first.ContactEmail!, Language = first.ContactLanguage };
                db.Submissions.Add(submission);
                await db.SaveChangesAsync(cancellationToken);
                for (var index = 0; index < claims.Count; index++)
                {
                    submission.Claims.Add(new SubmissionClaim { SubmissionId = submission.Id, ClaimId = claims[index].Id });
                    if (index < files.Count)
                    {
                        await uploads.AttachAsync(claims[index].Id, files[index], actor, cancellationToken);
                    }
                }

                var secret = AccessToken.NewSecret();
                db.AccessTokens.Add(new AccessToken
                {
                    Purpose = AccessToken.Activation,
                    Hash = AccessToken.HashOf(secret),
                    SubmissionId = submission.Id,
                    ExpiresAt = now.AddDays(options.Value.Intake.ActivationDays),
                    CreatedAt = now,
                });
                var mail = mails.Activation(first.ContactLanguage, first.ContactName, $"{baseUrl}/complaint/activate/{secret}",
                    options.Value.Intake.ActivationDays);
                outbox.Email(first.ContactEmail!, mail.Subject, mail.Text);
            },
            cancellationToken);
        return errors;
    }

    /// <summary>
    /// Opens an activation link: the submission's claims move to <c>new</c> (audited, actor system), the link is
    /// used up, and the acknowledgement with the tracking links and the intake confirmation PDF is queued.
    /// </summary>
    public async Task<ActivationResult> ActivateAsync(string? secret, string baseUrl, CancellationToken cancellationToken = default)
    {
        if (!AccessToken.LooksValid(secret))
        {
            return new(ActivationState.Unknown, []);
        }

        var hash = AccessToken.HashOf(secret!);
        var token = await db.AccessTokens.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Hash == hash && t.Purpose == AccessToken.Activation, cancellationToken);
        var now = clock.UtcNow;
        if (token?.SubmissionId is not { } submissionId)
        {
            return new(ActivationState.Unknown, []);
        }

        if (token.UsedAt is not null)
        {
            return new(ActivationState.Used, []);
        }

        if (token.ExpiresAt <= now)
        {
            return new(ActivationState.Expired, []);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Single use even when the link is opened twice at once: only one request turns "unused" into "used".
        var taken = await db.AccessTokens.Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (taken == 0)
        {
            return new(ActivationState.Used, []);
        }

        var claims = await db.Claims
            .Include(c => c.Lines)
            .Include(c => c.Register).ThenInclude(r => r!.Statuses)
            .Include(c => c.Register).ThenInclude(r => r!.Transitions)
            .AsSplitQuery()
            .Where(c => !c.IsDeleted && db.SubmissionClaims.Any(l => l.SubmissionId == submissionId && l.ClaimId == c.Id))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var log = new ChangeLog();
        var tracked = new List<(Claim Claim, string Link)>();
        var shown = new List<ActivatedClaim>();
        foreach (var claim in claims)
        {
            var workflow = claim.Register!.Workflow;
            if (workflow.Status(claim.Status)?.Role == StatusRole.AwaitingConfirmation)
            {
                // Confirmed, the claim enters the workflow where every new claim starts, and becomes staff's: they hear
                // of it now, not at the unconfirmed submission.
                var outcome = claim.MoveTo(workflow, workflow.Initial.Code, TransitionInput.Empty, Actor.System, now, log);
                if (!outcome.Succeeded)
                {
                    throw new InvalidOperationException(
                        $"The workflow of '{claim.Register.Code}' does not let the system confirm a web claim: {outcome.Message}");
                }
            }

            tracked.Add((claim, trackingLinks.Issue(claim.Id, baseUrl)));

            // The page gets links of its own, as each e-mail does: where to follow the claim and its label, at once.
            shown.Add(new ActivatedClaim(claim.Number, claim.Lines.OrderBy(l => l.LineNo).FirstOrDefault()?.ProductName ?? "",
                trackingLinks.Issue(claim.Id, "")));
        }

        if (claims.Count > 0 && claims[0].ContactEmail is { } email)
        {
            var mail = mails.Acknowledgement(claims[0].ContactLanguage, tracked);
            outbox.Email(email, mail.Subject, mail.Text, attachments: mail.Attachments);
        }

        await dispatcher.SaveAsync(claims, new ClaimChangeContext(Actor.System, now, log), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(ActivationState.Activated, [.. claims.Select(c => c.Number)]) { Claims = shown };
    }

    /// <summary>
    /// "Find my claim": when a confirmed claim has this number and e-mail, a fresh tracking link is e-mailed to that
    /// address. The caller answers the same either way, so the page tells nobody whether the claim exists.
    /// </summary>
    public async Task SendTrackingLinkAsync(string? number, string? email, string baseUrl, CancellationToken cancellationToken = default)
    {
        number = number?.Trim();
        email = email?.Trim();
        if (string.IsNullOrEmpty(number) || string.IsNullOrEmpty(email) || number.Length > 100 || email.Length > ClaimLimits.Email)
        {
            return;
        }

        // Numbers are unique per register; the e-mail is compared here, without regard to case, as mail servers do.
        var claim = (await db.Claims
            .Where(c => c.Number == number && !c.IsDeleted && c.ContactEmail != null
                && !AwaitingConfirmation(db).Any(s => s.RegisterId == c.RegisterId && s.Code == c.Status))
            .Select(c => new { c.Id, c.Number, c.ContactEmail, c.ContactLanguage })
            .ToListAsync(cancellationToken))
            .FirstOrDefault(c => string.Equals(c.ContactEmail, email, StringComparison.OrdinalIgnoreCase));
        if (claim is null)
        {
            return;
        }

        var mail = mails.TrackingLink(claim.ContactLanguage, claim.Number, trackingLinks.Issue(claim.Id, baseUrl));
        outbox.Email(claim.ContactEmail!, mail.Subject, mail.Text);
        await db.SaveChangesAsync(cancellationToken);
    }
}
