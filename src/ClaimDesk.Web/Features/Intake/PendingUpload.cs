namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// A file a consumer sent with the public form before the form was accepted. The bytes are in the file store already,
/// so a form that comes back with mistakes keeps its files: the page carries only the random token (the row holds its
/// hash). An accepted form turns them into the claims' attachments; the purge removes those never used.
/// </summary>
public sealed class PendingUpload
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the token the form carries.</summary>
    public string TokenHash { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
