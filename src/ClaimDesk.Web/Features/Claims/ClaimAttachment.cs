namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// A file attached to a claim (DESIGN §2 Attachment). The bytes live in the file store under <see cref="Sha256"/>;
/// the row holds the name as given, the type detected from the bytes, who uploaded it and who may see it.
/// </summary>
public sealed class ClaimAttachment
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    /// <summary>The thread message the file was sent with, if any.</summary>
    public long? MessageId { get; set; }

    /// <summary>The name the uploader gave, checked to be a plain name; shown and used as the download's name only.</summary>
    public string FileName { get; set; } = "";

    /// <summary>Detected from the file's bytes, never taken from the client.</summary>
    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the bytes: the file's name in the store.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>One of <see cref="AttachmentVisibility"/>.</summary>
    public string Visibility { get; set; } = AttachmentVisibility.Internal;

    /// <summary>The uploader's kind: <c>user</c>, <c>api_key</c>, <c>portal_token</c> or <c>system</c>.</summary>
    public string UploadedByKind { get; set; } = "";

    public string? UploadedById { get; set; }

    public string UploadedByName { get; set; } = "";

    public DateTime UploadedAt { get; set; }

    public bool IsDeleted { get; set; }
}

/// <summary>Who may see an attachment: staff only, or the claimant too.</summary>
public static class AttachmentVisibility
{
    public const string Internal = "internal";
    public const string Public = "public";

    public static readonly IReadOnlyList<string> All = [Internal, Public];
}
