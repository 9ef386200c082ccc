using System.Text.RegularExpressions;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// <c>@name</c> in a staff message (DESIGN §3.4): each colleague named gets a notification in their notification centre,
/// in their language, with a link to the claim. A name is the part of a colleague's e-mail address before the <c>@</c>
/// (<c>@olga.nowak</c>), their display name without spaces (<c>@OlgaNowak</c>), or their first name when only one
/// colleague has it (<c>@Olga</c>); case does not matter. The writer is never told of their own message.
/// </summary>
public sealed partial class Mentions(AppDbContext db, IStringLocalizerFactory localizers, TimeProvider clock)
{
    public const string Event = "message.mention";

    /// <summary>The names mentioned in <paramref name="body"/>, in order, each once.</summary>
    public static IReadOnlyList<string> NamesIn(string body) =>
        [.. Mention().Matches(body).Select(m => m.Groups["name"].Value.TrimEnd('.', '-')).Where(n => n.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Adds a notification for each colleague mentioned (in the caller's unit of work); returns their ids.</summary>
    public async Task<IReadOnlyList<string>> NotifyAsync(
        long claimId, string number, string body, string? writerId, string writerName, CancellationToken cancellationToken = default)
    {
        var names = NamesIn(body);
        if (names.Count == 0)
        {
            return [];
        }

        var staffIds = (await StaffDirectory.NamesAsync(db, cancellationToken)).Keys.ToList();
        var staff = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Language }).ToListAsync(cancellationToken);
        var mentioned = new List<(string Id, string Language)>();
        foreach (var name in names)
        {
            var matches = staff.Where(u =>
                    string.Equals(u.Email?.Split('@')[0], name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(u.DisplayName.Replace(" ", "", StringComparison.Ordinal), name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (matches.Count == 0)
            {
                matches = [.. staff.Where(u => string.Equals(u.DisplayName.Split(' ')[0], name, StringComparison.OrdinalIgnoreCase))];
            }

            if (matches.Count == 1 && matches[0].Id != writerId && mentioned.All(m => m.Id != matches[0].Id))
            {
                mentioned.Add((matches[0].Id, matches[0].Language));
            }
        }

        writerName = staff.FirstOrDefault(u => u.Id == writerId)?.DisplayName ?? writerName;
        foreach (var (id, language) in mentioned)
        {
            db.Notifications.Add(new Notifications.Notification
            {
                UserId = id,
                ClaimId = claimId,
                Event = Event,
                Title = localizers.In(language, (localizer, _) => localizer["{0} mentioned you on claim {1}", writerName, number].Value),
                Body = body.Length > 300 ? body[..300] + "…" : body,
                Link = $"/Claims/{claimId}",
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }

        return [.. mentioned.Select(m => m.Id)];
    }

    [GeneratedRegex(@"(?<![\w.@])@(?<name>[\p{L}\p{N}][\p{L}\p{N}._\-]{0,63})", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
