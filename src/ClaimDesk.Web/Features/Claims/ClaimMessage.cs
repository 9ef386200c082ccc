namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// One entry of a claim's thread (DESIGN §2 Message): an internal note staff keep among themselves, a public message
/// staff send the claimant, or a message the claimant sent in (tracking page, portal, e-mail). Files sent with a
/// message are attachments that name it.
/// </summary>
public sealed class ClaimMessage
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    /// <summary>One of <see cref="MessageKind"/>.</summary>
    public string Kind { get; set; } = MessageKind.Note;

    /// <summary>The author's kind, as for attachments: <c>user</c>, <c>api_key</c>, <c>customer</c> or <c>system</c>.</summary>
    public string AuthorKind { get; set; } = "";

    public string? AuthorId { get; set; }

    public string AuthorName { get; set; } = "";

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

/// <summary>What a thread entry is, and so who sees it.</summary>
public static class MessageKind
{
    /// <summary>Staff only; never shown or sent to the claimant.</summary>
    public const string Note = "note";

    /// <summary>From staff to the claimant.</summary>
    public const string Outbound = "outbound";

    /// <summary>From the claimant.</summary>
    public const string Inbound = "inbound";

    public const int MaxBodyLength = 4000;

    public static bool IsPublic(string kind) => kind is Outbound or Inbound;

    /// <summary>Files sent with a message are as visible as the message.</summary>
    public static string VisibilityOf(string kind) => IsPublic(kind) ? AttachmentVisibility.Public : AttachmentVisibility.Internal;
}
