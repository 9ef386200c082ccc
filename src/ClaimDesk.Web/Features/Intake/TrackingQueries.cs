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
}

public sealed class TrackingQueries(
    AppDbContext db, ClaimThread thread, OrganisationClock clock, Deadlines.DeadlineQueries deadlines, CustomFields.CustomFieldQueries customFields)
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
                c.Id, c.Number, c.Status, c.ReceivedAt, c.RegisterId, c.ContactLanguage,
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
        var timeline = changes.Select(c => new TimelineEntry(clock.ToLocal(c.At), TimelineEntry.StatusKind, Label(c.NewValue), null, []))
            .Concat(messages.Select(m => new TimelineEntry(clock.ToLocal(m.At), m.Kind, m.Body,
                m.Kind == MessageKind.Inbound ? null : m.AuthorName, m.Files)))
            .OrderBy(e => e.At)
            .ToList();
        var documents = await db.ClaimAttachments.AsNoTracking()
            .Where(a => a.ClaimId == claim.Id && !a.IsDeleted && a.Visibility == AttachmentVisibility.Public)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new ThreadFile(a.Id, a.FileName, a.ContentType, a.Size))
            .ToListAsync(cancellationToken);
        return new TrackedClaim(claim.Id, claim.Number, Label(claim.Status), clock.ToLocal(claim.ReceivedAt), claim.Product ?? "",
            claim.ContactLanguage, timeline, documents,
            [.. (await deadlines.StatutoryAsync(claim.Id, cancellationToken)).Select(d => d with { DueAt = clock.ToLocal(d.DueAt) })])
        {
            CustomFields = await customFields.ForClaimAsync(claim.Id, language, customerOnly: true, cancellationToken),
        };
    }
}
