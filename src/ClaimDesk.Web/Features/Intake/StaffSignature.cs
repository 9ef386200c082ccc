using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// How a claimant sees the author of a message from staff (tracking page, partner portal, e-mail): the organisation's
/// name (<c>ClaimDesk:Organisation:Name</c>), after the staff member's display name when
/// <c>ClaimDesk:Organisation:ShowStaffNames</c> is on. Never the sign-in address a message keeps for staff.
/// </summary>
public sealed class StaffSignature(AppDbContext db, IOptions<ClaimDeskOptions> options)
{
    public string Organisation =>
        string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim();

    public bool ShowsStaffNames => options.Value.Organisation.ShowStaffNames;

    /// <summary>The signature of a staff member with <paramref name="displayName"/> (none: the organisation alone).</summary>
    public string Of(string? displayName) =>
        !ShowsStaffNames || string.IsNullOrWhiteSpace(displayName) || displayName.Contains('@', StringComparison.Ordinal)
            ? Organisation
            : $"{displayName.Trim()}, {Organisation}";

    /// <summary>The signature of <paramref name="actor"/>: a staff user by their display name; an API key or the system as the organisation.</summary>
    public async Task<string> OfAsync(Actor actor, CancellationToken cancellationToken = default) =>
        Of(ShowsStaffNames && actor.Kind == Actor.UserKind && actor.Id is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null);
}
