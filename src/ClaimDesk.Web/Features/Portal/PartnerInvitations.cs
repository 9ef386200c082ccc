using ClaimDesk.Web.Infrastructure;
using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Localization;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>A partner user as the staff list shows them.</summary>
public sealed record PartnerUser(string Id, string DisplayName, string Email, string CustomerName, string? CustomerCode, bool IsDisabled, bool HasPassword);

/// <summary>
/// Partner accounts: staff invite a person of a customer company, who gets an e-mail (through the outbox, in the
/// same transaction as the account) with a link to choose a password; a partner who forgot it asks for the same
/// kind of link. The links carry Identity's password-reset tokens, which expire and work once.
/// </summary>
public sealed class PartnerInvitations(
    AppDbContext db, UserManager<AppUser> users, Outbox outbox, AuditTrail audit, TimeProvider clock, IStringLocalizerFactory localizers,
    Microsoft.Extensions.Options.IOptions<Infrastructure.ClaimDeskOptions> options)
{
    public const string EntityType = "user";

    public async Task<IReadOnlyList<PartnerUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        var partners = await users.GetUsersInRoleAsync(StaffRole.Partner);
        var ids = partners.Where(u => u.CustomerId != null).Select(u => u.CustomerId!.Value).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. partners.OrderBy(u => u.DisplayName, StringComparer.CurrentCulture)
            .Select(u => customers.TryGetValue(u.CustomerId ?? 0, out var c)
                ? new PartnerUser(u.Id, u.DisplayName, u.Email ?? "", c.Name, c.Code, u.IsDisabled, u.PasswordHash is not null)
                : new PartnerUser(u.Id, u.DisplayName, u.Email ?? "", "—", null, u.IsDisabled, u.PasswordHash is not null))];
    }

    /// <summary>
    /// Creates the partner user of the customer with ERP code <paramref name="customerCode"/> and queues the invitation
    /// e-mail; all or nothing. Field errors name <c>customerCode</c>, <c>name</c>, <c>email</c> or <c>language</c>.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> InviteAsync(
        string? customerCode, string? name, string? email, string? language, string baseUrl, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var customer = string.IsNullOrWhiteSpace(customerCode) ? null
            : await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Code == customerCode.Trim(), cancellationToken);
        if (customer is null)
        {
            errors.Add(new FieldError("customerCode", "Choose a customer from the ERP by its code."));
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            errors.Add(new FieldError("name", "Give the person's name (at most 200 characters)."));
        }

        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            errors.Add(new FieldError("email", "'{0}' is not a valid e-mail address.", email ?? ""));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new FieldError("email", "There is already a user with the e-mail {0}.", email));
        }

        language = Language.IsSupported(language ?? "") ? language! : Language.Polish;
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name!, Language = language,
            LanguageChosenAt = clock.GetUtcNow().UtcDateTime,
            CustomerId = customer!.Id, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(e => new FieldError("email", e.Description))];
        }

        await users.AddToRoleAsync(user, StaffRole.Partner);
        var link = await SetPasswordLinkAsync(user, baseUrl, partner: true);
        var (subject, text) = In(language, localizer => (
            localizer["Your access to the ClaimDesk partner portal"].Value,
            string.Join('\n',
                localizer["Hello {0},", name!].Value, "",
                localizer["you are invited to the partner portal of {0} for {1}: file RMAs from your invoices and follow them there.", Organisation, customer.Name].Value, "",
                localizer["Choose your password here (the link works for {0} days):", (int)PortalServices.LinkLifetime.TotalDays].Value, link, "",
                localizer["Then sign in at {0} with this e-mail address.", $"{baseUrl}/portal/login"].Value)));
        outbox.Email(email!, subject, text);
        audit.Record(new Change(EntityType, user.Id, "partner_invited", "customer", null, customer.Code), actor);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    /// <summary>
    /// Queues a set-password e-mail for an active user with this address — a partner gets the portal's page, staff the
    /// staff one; for anyone else nothing happens, and the caller says the same either way, so the page does not tell
    /// who has an account.
    /// </summary>
    public async Task SendResetAsync(string? email, string baseUrl, CancellationToken cancellationToken = default)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        var roles = user is null || user.IsDisabled ? [] : await users.GetRolesAsync(user);
        if (user is null || !roles.Any(r => r == StaffRole.Partner || StaffRole.Staff.Contains(r)))
        {
            return;
        }

        var link = await SetPasswordLinkAsync(user, baseUrl, partner: roles.Contains(StaffRole.Partner));
        var (subject, text) = In(user.Language, localizer => (
            localizer["Choose a new password for ClaimDesk"].Value,
            string.Join('\n',
                localizer["Hello {0},", user.DisplayName].Value, "",
                localizer["Choose your password here (the link works for {0} days):", (int)PortalServices.LinkLifetime.TotalDays].Value, link, "",
                localizer["If you did not ask for it, ignore this message: your password stays as it is."].Value)));
        outbox.Email(user.Email!, subject, text);
        audit.Record(new Change(EntityType, user.Id, "password_reset_requested"), Actor.System);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Where a user signs in: partners at the portal's address, everyone else at the staff sign-in.</summary>
    public async Task<string> SignInPathAsync(AppUser user) =>
        await users.IsInRoleAsync(user, StaffRole.Partner) ? "/portal/login" : "/Account/Login";

    private async Task<string> SetPasswordLinkAsync(AppUser user, string baseUrl, bool partner)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var page = partner ? "/portal/set-password" : "/account/set-password";
        return $"{baseUrl}{page}?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
    }

    private string Organisation => string.IsNullOrWhiteSpace(options.Value.Organisation.Name) ? "ClaimDesk" : options.Value.Organisation.Name.Trim();

    private T In<T>(string language, Func<IStringLocalizer, T> build) => localizers.In(language, (localizer, _) => build(localizer));
}
