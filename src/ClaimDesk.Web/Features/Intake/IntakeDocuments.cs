using System.Globalization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The intake confirmation PDF of claims, made when the acknowledgement carrying it is sent
/// (<c>intake_confirmation:pl:42,43</c>): the claims as they are then, in the language named.
/// </summary>
public sealed class IntakeDocuments(AppDbContext db, IntakeMails mails) : IOutboxDocuments
{
    private const string Prefix = "intake_confirmation:";

    public static string Confirmation(string language, IEnumerable<long> claimIds) =>
        Prefix + language + ":" + string.Join(',', claimIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));

    public bool Makes(string document) => document.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<(byte[] Content, string ContentType)> MakeAsync(string document, CancellationToken cancellationToken)
    {
        var parts = document[Prefix.Length..].Split(':');
        var ids = parts is [_, var list] ? list.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToList() : [];
        var claims = await db.Claims.AsNoTracking().Include(c => c.Lines).Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0 || claims.Count != ids.Count)
        {
            throw new InvalidOperationException($"The claims of the document '{document}' are not all there.");
        }

        return (mails.ConfirmationPdf(parts[0], claims), "application/pdf");
    }
}
