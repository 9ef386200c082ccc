namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// A document made for a claim (a decision letter, a closing protocol, a repair quote or invoice), stored as it was
/// made and never changed: the bytes live in the file store under <see cref="Sha256"/>, the row holds what the
/// document was drawn from (<see cref="Data"/>, JSON), who made it and when. Only <see cref="SentAt"/> is ever
/// written later; a new version of a document is a new row.
/// </summary>
public sealed class ClaimDocument
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    /// <summary>Which kind of document (<see cref="IClaimDocumentKind.Kind"/>): <c>decision_letter</c>, <c>closing_protocol</c> …</summary>
    public string Kind { get; set; } = "";

    /// <summary>The language it is written in: the claimant's.</summary>
    public string Language { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "application/pdf";

    /// <summary>Lower-case hex SHA-256 of the bytes: their name in the file store, and a check anyone can repeat.</summary>
    public string Sha256 { get; set; } = "";

    public long Size { get; set; }

    /// <summary>The facts the document was drawn from, as JSON, so what it said can be told without reading the PDF.</summary>
    public string Data { get; set; } = "{}";

    /// <summary>Whether the claimant sees it (tracking page, portal).</summary>
    public bool IsPublic { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedByKind { get; set; } = "";

    public string? CreatedById { get; set; }

    public string CreatedByName { get; set; } = "";

    /// <summary>When it was first sent to the claimant by e-mail (queued in the outbox), if ever.</summary>
    public DateTime? SentAt { get; set; }
}
