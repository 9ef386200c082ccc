using System.Globalization;
using System.Text.Json;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Files;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// One kind of document (<c>decision_letter</c>, <c>closing_protocol</c>, <c>repair_quote</c>, <c>repair_invoice</c>):
/// draws the PDF of a claim in a language and says what data it drew it from (stored with it as JSON).
/// </summary>
public interface IClaimDocumentKind
{
    string Kind { get; }

    /// <summary>Whether the claimant sees documents of this kind (tracking page, portal); they are letters to the claimant by default.</summary>
    bool IsPublic => true;

    /// <summary>Draws the document of <paramref name="claim"/> (loaded with its lines) in <paramref name="language"/>.</summary>
    Task<DocumentDraft> DraftAsync(Claim claim, string language, CancellationToken cancellationToken);
}

/// <summary>A drawn document: its file name, its bytes, and the facts it was drawn from (serialized to JSON).</summary>
public sealed record DocumentDraft(string FileName, byte[] Pdf, object Data);

/// <summary>A stored document as lists and the API show it.</summary>
public sealed record StoredDocument(
    long Id, long ClaimId, string Kind, string Language, string FileName, string ContentType, string Sha256, long Size,
    bool IsPublic, DateTime CreatedAt, string CreatedBy, DateTime? SentAt);

/// <summary>A stored document opened for download; the caller disposes <see cref="Content"/>.</summary>
public sealed record DocumentDownload(StoredDocument Document, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>Why a document could not be made or sent, with an English message to localize.</summary>
public sealed class ClaimDocumentException(Refusal refusal, string message) : Exception(message)
{
    public Refusal Refusal { get; } = refusal;
}

/// <summary>
/// Claim documents: makes a document of a kind for a claim in the claimant's language, stores it immutably (bytes in
/// the file store under their SHA-256, the row with the data it was drawn from, who made it and when) and audits it;
/// <see cref="SendAsync"/> queues it by e-mail to the claimant through the outbox. A stored document is never changed
/// (only the time it was sent is written later): making it again stores a new version.
/// </summary>
public sealed partial class ClaimDocuments(
    AppDbContext db, IEnumerable<IClaimDocumentKind> kinds, IFileStore files, AuditTrail audit, Outbox outbox,
    DocumentMails mails, TimeProvider clock, ILogger<ClaimDocuments> logger)
{
    public const string CreatedAction = "document_created";
    public const string SentAction = "document_sent";
    public const string ContentType = "application/pdf";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    private readonly IReadOnlyList<IClaimDocumentKind> _kinds = [.. kinds];

    /// <summary>The kinds of document this installation makes, in the order they were registered.</summary>
    public IReadOnlyList<string> Kinds => [.. _kinds.Select(k => k.Kind)];

    public bool Knows(string? kind) => _kinds.Any(k => k.Kind == kind);

    /// <summary>
    /// Draws a document of <paramref name="kind"/> for the claim in the claimant's language and stores it. Throws
    /// <see cref="ClaimDocumentException"/> (not found) for a missing or deleted claim, (invalid) for an unknown kind.
    /// </summary>
    public Task<StoredDocument> CreateAsync(long claimId, string kind, Actor actor, CancellationToken cancellationToken) =>
        CreateAsync(claimId, kind, actor, sent: false, cancellationToken);

    /// <summary>As <see cref="CreateAsync(long, string, Actor, CancellationToken)"/>; with <paramref name="sent"/>, recorded as sent now (the outbox is sending it).</summary>
    internal async Task<StoredDocument> CreateAsync(long claimId, string kind, Actor actor, bool sent, CancellationToken cancellationToken)
    {
        var maker = _kinds.FirstOrDefault(k => k.Kind == kind)
            ?? throw new ClaimDocumentException(Refusal.Invalid, DocumentMessages.NoSuchKind);
        var claim = await db.Claims.AsNoTracking().Include(c => c.Lines)
            .SingleOrDefaultAsync(c => c.Id == claimId && !c.IsDeleted, cancellationToken)
            ?? throw new ClaimDocumentException(Refusal.NotFound, DocumentMessages.NoClaim);
        var language = Language.IsSupported(claim.ContactLanguage) ? claim.ContactLanguage : Language.English;
        var draft = await maker.DraftAsync(claim, language, cancellationToken);

        await using var pending = await files.ReceiveAsync(new MemoryStream(draft.Pdf, writable: false), draft.Pdf.Length, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var document = new ClaimDocument
        {
            ClaimId = claimId,
            Kind = kind,
            Language = language,
            FileName = draft.FileName,
            ContentType = ContentType,
            Sha256 = pending.Sha256,
            Size = pending.Length,
            Data = JsonSerializer.Serialize(draft.Data, draft.Data.GetType(), DataJson),
            IsPublic = maker.IsPublic,
            CreatedAt = now,
            CreatedByKind = actor.Kind,
            CreatedById = actor.Id,
            CreatedByName = actor.Name,
            SentAt = sent ? now : null,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(document);
        audit.Record(new Change(Claim.EntityType, Id(claimId), CreatedAction, "document", null, document.FileName), actor);
        if (sent)
        {
            audit.Record(new Change(Claim.EntityType, Id(claimId), SentAction, "document", null, document.FileName), actor);
        }

        await db.SaveChangesAsync(cancellationToken);
        // The file goes into the store before the row commits, so a row never names a file that is not there.
        var created = await pending.CommitAsync(cancellationToken);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            if (created)
            {
                files.Delete(document.Sha256);
            }

            throw;
        }

        db.Entry(document).State = EntityState.Detached;
        LogCreated(kind, document.Id, claimId, document.Sha256);
        return Describe(document);
    }

    /// <summary>
    /// Queues the stored document by e-mail to the claimant, in the document's language, the PDF attached, and records
    /// when (the first time). Throws <see cref="ClaimDocumentException"/> when the document or its claim is not there
    /// (not found), is internal, or the claimant has no e-mail address (invalid).
    /// </summary>
    public async Task SendAsync(long documentId, Actor actor, CancellationToken cancellationToken)
    {
        var document = await db.Set<ClaimDocument>().SingleOrDefaultAsync(d => d.Id == documentId, cancellationToken)
            ?? throw new ClaimDocumentException(Refusal.NotFound, DocumentMessages.NoDocument);
        var claim = await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == document.ClaimId && !c.IsDeleted, cancellationToken)
            ?? throw new ClaimDocumentException(Refusal.NotFound, DocumentMessages.NoClaim);
        if (!document.IsPublic)
        {
            throw new ClaimDocumentException(Refusal.Invalid, DocumentMessages.Internal);
        }

        if (string.IsNullOrWhiteSpace(claim.ContactEmail) || !System.Net.Mail.MailAddress.TryCreate(claim.ContactEmail.Trim(), out _))
        {
            throw new ClaimDocumentException(Refusal.Invalid, DocumentMessages.NoEmail);
        }

        byte[] content;
        await using (var stored = files.Open(document.Sha256)
            ?? throw new ClaimDocumentException(Refusal.NotFound, DocumentMessages.FileMissing))
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy, cancellationToken);
            content = copy.ToArray();
        }

        var mail = mails.Document(document.Language, claim, document.Kind);
        outbox.Email(claim.ContactEmail.Trim(), mail.Subject, mail.Text, attachments: [new MailAttachment(document.FileName, document.ContentType, content)]);
        // The one change a stored document ever takes: when it was first sent.
        document.SentAt ??= clock.GetUtcNow().UtcDateTime;
        audit.Record(new Change(Claim.EntityType, Id(claim.Id), SentAction, "document", null, document.FileName), actor);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The claim's documents, newest first; with <paramref name="publicOnly"/> only those the claimant sees.</summary>
    public async Task<IReadOnlyList<StoredDocument>> ListAsync(long claimId, bool publicOnly, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ClaimDocument>().AsNoTracking()
            .Where(d => d.ClaimId == claimId && (!publicOnly || d.IsPublic))
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Describe)];
    }

    /// <summary>The card's documents section: every document of the claim and the kinds staff may make.</summary>
    public async Task<DocumentsView> ViewAsync(long claimId, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => new { c.ContactEmail }).SingleOrDefaultAsync(cancellationToken);
        return new DocumentsView(claimId, await ListAsync(claimId, publicOnly: false, cancellationToken), Kinds,
            !string.IsNullOrWhiteSpace(claim?.ContactEmail));
    }

    /// <summary>One document of the claim, or null when it is not the claim's, or is internal and <paramref name="publicOnly"/>.</summary>
    public async Task<StoredDocument?> FindAsync(long claimId, long documentId, bool publicOnly, CancellationToken cancellationToken)
    {
        var row = await Query(claimId, documentId, publicOnly).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : Describe(row);
    }

    /// <summary>The facts a document was drawn from, as the JSON stored with it.</summary>
    public Task<string?> DataAsync(long claimId, long documentId, bool publicOnly, CancellationToken cancellationToken) =>
        Query(claimId, documentId, publicOnly).Select(d => d.Data).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The stored bytes of a document of the claim, for download; null when it is not the claim's, the claim is deleted,
    /// it is internal and <paramref name="publicOnly"/> (the claimant), or its file is missing.
    /// </summary>
    public async Task<DocumentDownload?> OpenAsync(long claimId, long documentId, bool publicOnly, CancellationToken cancellationToken)
    {
        var row = await Query(claimId, documentId, publicOnly).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var content = files.Open(row.Sha256);
        if (content is null)
        {
            LogMissing(row.Id, claimId, row.Sha256);
            return null;
        }

        return new DocumentDownload(Describe(row), content);
    }

    private IQueryable<ClaimDocument> Query(long claimId, long documentId, bool publicOnly) =>
        db.Set<ClaimDocument>().AsNoTracking()
            .Where(d => d.Id == documentId && d.ClaimId == claimId && (!publicOnly || d.IsPublic)
                && db.Claims.Any(c => c.Id == claimId && !c.IsDeleted));

    private static StoredDocument Describe(ClaimDocument d) => new(
        d.Id, d.ClaimId, d.Kind, d.Language, d.FileName, d.ContentType, d.Sha256, d.Size, d.IsPublic, d.CreatedAt, d.CreatedByName, d.SentAt);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 3800, Level = LogLevel.Information, Message = "Document {Kind} {DocumentId} of claim {ClaimId} stored as {Sha256}")]
    private partial void LogCreated(string kind, long documentId, long claimId, string sha256);

    [LoggerMessage(EventId = 3801, Level = LogLevel.Error, Message = "Document {DocumentId} of claim {ClaimId}: the stored file {Sha256} is missing")]
    private partial void LogMissing(long documentId, long claimId, string sha256);
}
