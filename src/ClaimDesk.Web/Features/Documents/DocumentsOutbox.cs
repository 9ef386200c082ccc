using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure.Mail;

namespace ClaimDesk.Web.Features.Documents;

/// <summary>
/// A claim document made when the e-mail carrying it is sent (<c>claim_document:closing_protocol:42</c>), so that no
/// PDF is drawn inside the transaction that queued the e-mail (a transition's effect): when the outbox sends it, the
/// document is drawn from the claim as it is then, stored as any other (recorded as sent) and attached.
/// </summary>
public sealed class DocumentsOutbox(ClaimDocuments documents) : IOutboxDocuments
{
    private const string Prefix = "claim_document:";

    public static string Named(string kind, long claimId) => Prefix + kind + ":" + claimId.ToString(CultureInfo.InvariantCulture);

    public bool Makes(string document) => document.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<(byte[] Content, string ContentType)> MakeAsync(string document, CancellationToken cancellationToken)
    {
        var parts = document[Prefix.Length..].Split(':');
        if (parts is not [var kind, var id] || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var claimId))
        {
            throw new InvalidOperationException($"'{document}' does not name a claim document.");
        }

        var stored = await documents.CreateAsync(claimId, kind, Actor.System, sent: true, cancellationToken);
        await using var download = await documents.OpenAsync(claimId, stored.Id, publicOnly: false, cancellationToken)
            ?? throw new InvalidOperationException($"The document {stored.Id} was stored but cannot be read back.");
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy, cancellationToken);
        return (copy.ToArray(), stored.ContentType);
    }
}
