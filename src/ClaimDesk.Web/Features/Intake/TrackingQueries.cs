using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>One line of the customer's timeline: a status change (its customer label) or a public message.</summary>
public sealed record TimelineEntry(DateTime At, string Kind, string Text, string? Author, IReadOnlyList<ThreadFile> Files)
{
    public const string StatusKind = "status";
}

/// <summary>
/// What the customer sees of a claim: the customer-facing label of each status, the public messages both ways, and the
/// public files; never internal notes, internal files or staff labels. Times are in the organisation's time zone.
/// </summary>
public sealed record TrackedClaim(
    long Id, string Number, string Status, DateTime ReceivedAt, string ProductName, string Language,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<ThreadFile> Documents,
    IReadOnlyList<Deadlines.StatutoryDate>? StatutoryDates = null)
{
    /// <summary>The custom fields marked visible to the customer that hold a value; never the others.</summary>
    public IReadOnlyList<CustomFields.CustomFieldView> CustomFields { get; init; } = [];

    /// <summary>The items with the decision on each and the reason of a rejection.</summary>
    public IReadOnlyList<TrackedLine> Lines { get; init; } = [];
}

/// <summary>An item as the claimant sees it: what it is, and what was decided about it.</summary>
public sealed record TrackedLine(int LineNo, string ReferenceNumber, string ProductName, LineDecision Decision, string? DecisionReason);

public sealed class TrackingQueries(
    AppDbContext db, ClaimThread thread, OrganisationClock clock, Deadlines.DeadlineQueries deadlines, CustomFields.CustomFieldQueries customFields,
    StaffSignature signature)
{
    /// <summary>The id of the claim a valid, unexpired tracking link opens; <c>null</c> for anything else.</summary>
    public async Task<long?> ClaimIdAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!AccessToken.LooksValid(secret))
        {
            return null;
        }

        var hash = AccessToken.HashOf(secret!);
        var now = clock.UtcNow;
        return await db.AccessTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.Purpose == AccessToken.Tracking && t.ExpiresAt > now
                && db.Claims.Any(c => c.Id == t.ClaimId && !c.IsDeleted))
            .Select(t => t.ClaimId)
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="secret"/> is a tracking link whose time ran out (of a claim that still exists).</summary>
    public async Task<bool> HasExpiredAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!AccessToken.LooksValid(secret))
        {
            return false;
        }

        var hash = AccessToken.HashOf(secret!);
        var now = clock.UtcNow;
        return await db.AccessTokens.AsNoTracking()
            .AnyAsync(t => t.Hash == hash && t.Purpose == AccessToken.Tracking && t.ExpiresAt <= now
                && db.Claims.Any(c => c.Id == t.ClaimId && !c.IsDeleted), cancellationToken);
    }

    /// <summary>The claim a valid, unexpired tracking link opens; <c>null</c> for anything else.</summary>
    public async Task<TrackedClaim?> GetAsync(string? secret, string language, CancellationToken cancellationToken = default)
    {
        return await ClaimIdAsync(secret, cancellationToken) is { } claimId ? await GetAsync(claimId, language, cancellationToken) : null;
    }

    /// <summary>What the claimant sees of claim <paramref name="claimId"/>; the caller has checked they may see it.</summary>
    public async Task<TrackedClaim?> GetAsync(long claimId, string language, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == claimId && !c.IsDeleted)
            .Select(c => new
            {
                c.Id, c.Number, c.Status, c.ReceivedAt, c.RegisterId, c.ContactLanguage, c.DecidedAt, c.ResolvedAt, c.ClosedAt,
                Product = c.Lines.OrderBy(l => l.LineNo).Select(l => l.ProductName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var labels = (await db.WorkflowStatuses.AsNoTracking().Where(s => s.RegisterId == claim.RegisterId).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Code, s => s.CustomerLabel.In(language));
        string Label(string? code) => code is not null && labels.TryGetValue(code, out var label) ? label : code ?? "";

        var entityId = claim.Id.ToString(CultureInfo.InvariantCulture);
        var changes = await db.AuditEvents.AsNoTracking()
            .Where(a => a.EntityType == Claim.EntityType && a.EntityId == entityId && a.Field == "status"
                && (a.Action == "created" || a.Action == "status_changed"))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new { a.At, a.NewValue })
            .ToListAsync(cancellationToken);
        var messages = await thread.ListAsync(claim.Id, publicOnly: true, cancellationToken);
        var authors = await AuthorsAsync(claim.Id, cancellationToken);
        var timeline = changes.Select(c => new TimelineEntry(clock.ToLocal(c.At), TimelineEntry.StatusKind, Label(c.NewValue), null, []))
            .Concat(messages.Select(m => new TimelineEntry(clock.ToLocal(m.At), m.Kind, m.Body,
                m.Kind == MessageKind.Inbound ? null : signature.Of(authors.GetValueOrDefault(m.Id)), m.Files)))
            .OrderBy(e => e.At)
            .ToList();
        var documents = await db.ClaimAttachments.AsNoTracking()
            .Where(a => a.ClaimId == claim.Id && !a.IsDeleted && a.Visibility == AttachmentVisibility.Public)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new ThreadFile(a.Id, a.FileName, a.ContentType, a.Size))
            .ToListAsync(cancellationToken);
        var lines = await db.ClaimLines.AsNoTracking().Where(l => l.ClaimId == claim.Id).OrderBy(l => l.LineNo)
            .Select(l => new TrackedLine(l.LineNo, l.ReferenceNumber, l.ProductName, l.Decision, l.DecisionReason))
            .ToListAsync(cancellationToken);

        // A date stops being promised once it is kept, as its deadline stops (DeadlineCalculator): the response with the
        // decision, the resolution (or the guarantor's performance) with the resolution, either with the closing.
        var statutory = (await deadlines.StatutoryAsync(claim.Id, cancellationToken))
            .Where(d => (d.Measure == ClaimDesk.Core.Deadlines.DeadlineMeasure.Response ? claim.DecidedAt : claim.ResolvedAt) is null
                && claim.ClosedAt is null)
            .Select(d => d with { DueAt = clock.ToLocal(d.DueAt) });
        return new TrackedClaim(claim.Id, claim.Number, Label(claim.Status), clock.ToLocal(claim.ReceivedAt), claim.Product ?? "",
            claim.ContactLanguage, timeline, documents, [.. statutory])
        {
            CustomFields = await customFields.ForClaimAsync(claim.Id, language, customerOnly: true, cancellationToken),
            Lines = lines,
        };
    }

    /// <summary>
    /// The display names of the staff users who wrote the claim's messages to the claimant, by message, when claimants
    /// are to see them (<see cref="StaffSignature"/>); the thread itself keeps the sign-in address, for staff.
    /// </summary>
    private async Task<Dictionary<long, string>> AuthorsAsync(long claimId, CancellationToken cancellationToken)
    {
        if (!signature.ShowsStaffNames)
        {
            return [];
        }

        return await (from message in db.ClaimMessages.AsNoTracking()
                      where message.ClaimId == claimId && message.Kind == MessageKind.Outbound && message.AuthorKind == Actor.UserKind
                      join user in db.Users.AsNoTracking() on message.AuthorId equals user.Id
                      select new { message.Id, user.DisplayName })
            .ToDictionaryAsync(m => m.Id, m => m.DisplayName, cancellationToken);
    }
}
