using System.Globalization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Mail;

/// <summary>
/// The outbox as administrators see it: newest first, paged and filtered in SQL, with each message's attempts and
/// last error; dead messages can be requeued (audited). Without an SMTP host, the .eml files of the pickup folder
/// are listed and served for download.
/// </summary>
public sealed class IndexModel(
    AppDbContext db, OrganisationClock clock, MailTransport transport, AuditTrail audit, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    public const int PageSize = 25;

    /// <summary>How many pickup files the page lists, newest first.</summary>
    public const int PickupFilesShown = 50;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>One of <see cref="OutboxStatus.All"/>, or empty for every message.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<MessageRow> Rows { get; private set; } = [];

    public bool UsesSmtp => transport.UsesSmtp;

    public IReadOnlyList<PickupFile> PickupFiles { get; private set; } = [];

    public int PickupFileCount { get; private set; }

    /// <summary>A message as listed; times in the organisation's time zone.</summary>
    public sealed record MessageRow(long Id, string To, string Subject, string Status, int Attempts, DateTime CreatedAt,
        DateTime? NextAttemptAt, DateTime? SentAt, string? LastError);

    public sealed record PickupFile(string Name, long Size, DateTime WrittenAt);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!OutboxStatus.All.Contains(Status ?? ""))
        {
            Status = null;
        }

        var messages = db.OutboxMessages.AsNoTracking();
        if (Status is not null)
        {
            messages = messages.Where(m => m.Status == Status);
        }

        Total = await messages.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new { m.Id, m.To, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError })
            .ToListAsync(cancellationToken);
        Rows = [.. rows.Select(m => new MessageRow(m.Id, m.To, m.Subject, m.Status, m.Attempts, clock.ToLocal(m.CreatedAt),
            m.Status == OutboxStatus.Pending ? clock.ToLocal(m.NextAttemptAt) : null,
            m.SentAt is { } sent ? clock.ToLocal(sent) : null, m.LastError))];

        if (!transport.UsesSmtp && Directory.Exists(transport.PickupFolder))
        {
            var files = new DirectoryInfo(transport.PickupFolder).GetFiles("*.eml");
            PickupFileCount = files.Length;
            PickupFiles = [.. files.OrderByDescending(f => f.LastWriteTimeUtc).Take(PickupFilesShown)
                .Select(f => new PickupFile(f.Name, f.Length, clock.ToLocal(f.LastWriteTimeUtc)))];
        }
    }

    /// <summary>Puts a dead message back in the queue, due now, with its attempts counted afresh.</summary>
    public async Task<IActionResult> OnPostRequeueAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        if (message.Status != OutboxStatus.Dead)
        {
            TempData["Status"] = localizer["Message {0} is not dead-lettered; nothing was changed.", id].Value;
            return RedirectToPage("Index", new { status = Status });
        }

        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = clock.UtcNow;
        message.LeaseUntil = null;
        audit.Record("outbox_message", id.ToString(CultureInfo.InvariantCulture), "requeued", "status", OutboxStatus.Dead, OutboxStatus.Pending);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = localizer["Message {0} was requeued; it is sent in the next round.", id].Value;
        return RedirectToPage("Index", new { status = Status });
    }

    /// <summary>One .eml file of the pickup folder, as a download; only plain file names of that folder are served.</summary>
    public IActionResult OnGetFile(string? name)
    {
        if (transport.UsesSmtp || string.IsNullOrEmpty(name) || name != Path.GetFileName(name)
            || !name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return NotFound();
        }

        var folder = Path.GetFullPath(transport.PickupFolder);
        var path = Path.GetFullPath(Path.Combine(folder, name));
        if (!string.Equals(Path.GetDirectoryName(path), folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
            || !System.IO.File.Exists(path))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return PhysicalFile(path, "message/rfc822", name);
    }
}
