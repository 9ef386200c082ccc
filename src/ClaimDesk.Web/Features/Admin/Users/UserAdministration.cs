using ClaimDesk.Core.Security;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Users;

/// <summary>
/// Creates and edits user accounts for administrators: one transaction per action, each changed field audited,
/// and an administrator cannot lock themselves out (disable themselves or drop their own Administrator role).
/// </summary>
public sealed class UserAdministration(
    AppDbContext db, UserManager<AppUser> users, AuditTrail audit, TimeProvider clock,
    IStringLocalizer<SharedResource> localizer)
{
    private const string Entity = "user";

    /// <summary>The errors found, as (field, message); empty when the user was created.</summary>
    public async Task<(AppUser? User, List<(string Field, string Message)> Errors)> CreateAsync(UserForm form)
    {
        var errors = Validate(form, creating: true);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = new AppUser
        {
            UserName = form.Email.Trim(),
            Email = form.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = form.DisplayName.Trim(),
            Language = form.Language,
            LanguageChosenAt = clock.GetUtcNow().UtcDateTime,
            MustChangePassword = form.MustChangePassword,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, form.Password!);
        if (!result.Succeeded)
        {
            return (null, Describe(result));
        }

        await users.AddToRolesAsync(user, form.Roles);
        audit.Record(Entity, user.Id, "created", "email", null, user.Email);
        audit.Record(Entity, user.Id, "updated", "roles", null, string.Join(", ", form.Roles));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (user, []);
    }

    public async Task<List<(string Field, string Message)>> UpdateAsync(AppUser user, UserForm form, string actingUserId)
    {
        var errors = Validate(form, creating: false);
        var currentRoles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (user.Id == actingUserId)
        {
            if (form.IsDisabled)
            {
                errors.Add(("Form.IsDisabled", localizer["You cannot disable your own account."]));
            }

            if (currentRoles.Contains(StaffRole.Administrator) && !form.Roles.Contains(StaffRole.Administrator))
            {
                errors.Add(("Form.Roles", localizer["You cannot remove your own Administrator role."]));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var email = form.Email.Trim();
        audit.RecordChange(Entity, user.Id, "email", user.Email, email);
        audit.RecordChange(Entity, user.Id, "display_name", user.DisplayName, form.DisplayName.Trim());
        audit.RecordChange(Entity, user.Id, "language", user.Language, form.Language);
        audit.RecordChange(Entity, user.Id, "disabled", Flag(user.IsDisabled), Flag(form.IsDisabled));
        audit.RecordChange(Entity, user.Id, "must_change_password", Flag(user.MustChangePassword), Flag(form.MustChangePassword));
        var newRoles = form.Roles.Order(StringComparer.Ordinal).ToList();
        audit.RecordChange(Entity, user.Id, "roles", string.Join(", ", currentRoles), string.Join(", ", newRoles));

        var wasDisabled = user.IsDisabled;
        user.DisplayName = form.DisplayName.Trim();
        if (user.Language != form.Language)
        {
            user.Language = form.Language;
            user.LanguageChosenAt = clock.GetUtcNow().UtcDateTime;
        }

        user.IsDisabled = form.IsDisabled;
        user.MustChangePassword = form.MustChangePassword;
        var result = await users.SetEmailAsync(user, email);
        result = result.Succeeded ? await users.SetUserNameAsync(user, email) : result;
        if (result.Succeeded && !string.IsNullOrEmpty(form.Password))
        {
            result = await users.RemovePasswordAsync(user);
            result = result.Succeeded ? await users.AddPasswordAsync(user, form.Password) : result;
            if (result.Succeeded)
            {
                audit.Record(Entity, user.Id, "password_reset");
            }
        }

        if (result.Succeeded)
        {
            result = await users.RemoveFromRolesAsync(user, currentRoles.Except(newRoles));
        }

        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, newRoles.Except(currentRoles));
        }

        if (result.Succeeded && wasDisabled != user.IsDisabled)
        {
            // A new security stamp ends the disabled user's open sessions at their next validation.
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return Describe(result);
        }

        await users.UpdateAsync(user);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [];
    }

    private List<(string Field, string Message)> Validate(UserForm form, bool creating)
    {
        var errors = new List<(string, string)>();
        if (!form.HasValidLanguage)
        {
            errors.Add(("Form.Language", localizer["Choose one of the offered languages."]));
        }

        if (form.Roles.Count == 0)
        {
            errors.Add(("Form.Roles", localizer["Choose at least one role."]));
        }
        else if (form.Roles.Any(r => !StaffRole.IsKnown(r)))
        {
            errors.Add(("Form.Roles", localizer["Choose among the offered roles."]));
        }
        else if (form.Roles.Contains(StaffRole.Partner) && form.Roles.Count > 1)
        {
            errors.Add(("Form.Roles", localizer["A partner user cannot also hold a staff role."]));
        }

        if (creating && string.IsNullOrEmpty(form.Password))
        {
            errors.Add(("Form.Password", localizer["Enter an initial password."]));
        }

        return errors;
    }

    private static List<(string Field, string Message)> Describe(IdentityResult result) =>
        [.. result.Errors.Select(e => (e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Form.Password" : "Form.Email", e.Description))];

    private static string Flag(bool value) => value ? "yes" : "no";
}
