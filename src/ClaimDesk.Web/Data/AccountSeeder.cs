using System.Security.Cryptography;
using ClaimDesk.Core.Security;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Data;

/// <summary>
/// Seeds the roles and the first administrator. The administrator's password comes from
/// <c>ClaimDesk:Admin:Password</c>; without it a random one is generated, logged once, and must be changed at the
/// first sign-in. With <c>--demo</c>, one user of each other staff role is added so a newcomer can try every role.
/// </summary>
public sealed partial class AccountSeeder(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<ClaimDeskOptions> options,
    TimeProvider clock,
    ILogger<AccountSeeder> logger)
{
    /// <summary>The password of the demo users; demo databases are for trying ClaimDesk out, never for real data.</summary>
    public const string DemoPassword = "Demo-2026!";

    public static IReadOnlyList<(string Email, string Name, string Role, string Language)> DemoUsers { get; } =
    [
        ("manager@claimdesk.local", "Marta Kowalska", StaffRole.Manager, "pl"),
        ("operator@claimdesk.local", "Ondřej Novák", StaffRole.Operator, "cs"),
        ("technician@claimdesk.local", "Tomasz Wiśniewski", StaffRole.Technician, "pl"),
    ];

    public async Task SeedAsync(bool demo, CancellationToken cancellationToken)
    {
        foreach (var role in StaffRole.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await IgnoreConcurrentInsert(() => roles.CreateAsync(new IdentityRole(role)));
            }
        }

        await SeedAdministratorAsync(cancellationToken);
        if (demo)
        {
            foreach (var (email, name, role, language) in DemoUsers)
            {
                if (await users.FindByEmailAsync(email) is null)
                {
                    await CreateAsync(email, name, role, language, DemoPassword, mustChangePassword: false);
                    LogDemoUser(logger, email, role, DemoPassword);
                }
            }
        }
    }

    private async Task SeedAdministratorAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.Admin;
        if (await users.FindByEmailAsync(admin.Email) is not null
            || await db.UserRoles.AnyAsync(
                ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRole.Administrator), cancellationToken))
        {
            return;
        }

        var generated = string.IsNullOrEmpty(admin.Password);
        var password = generated ? GeneratePassword() : admin.Password!;
        if (await CreateAsync(admin.Email, "Administrator", StaffRole.Administrator, options.Value.DefaultLanguage,
                password, mustChangePassword: generated))
        {
            if (generated)
            {
                LogGeneratedAdmin(logger, admin.Email, password);
            }
            else
            {
                LogConfiguredAdmin(logger, admin.Email);
            }
        }
    }

    private async Task<bool> CreateAsync(
        string email, string name, string role, string language, string password, bool mustChangePassword)
    {
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Language = language,
            MustChangePassword = mustChangePassword,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await IgnoreConcurrentInsert(() => users.CreateAsync(user, password));
        if (!created)
        {
            return false;
        }

        Check(await users.AddToRoleAsync(user, role), email);
        return true;
    }

    /// <summary>Two nodes starting together may both try to seed: the loser sees a duplicate and moves on.</summary>
    private static async Task<bool> IgnoreConcurrentInsert(Func<Task<IdentityResult>> create)
    {
        try
        {
            var result = await create();
            if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail" or "DuplicateRoleName"))
            {
                return false;
            }

            Check(result, "seed");
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new StartupException(
                $"Cannot create the account {what}: {string.Join(" ", result.Errors.Select(e => e.Description))} (ClaimDesk:Admin:Password)");
        }
    }

    /// <summary>20 random characters from every class the password policy asks for.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "-_.!#%+=";
        return RandomNumberGenerator.GetString(upper, 1) + RandomNumberGenerator.GetString(lower, 1)
            + RandomNumberGenerator.GetString(digits, 1) + RandomNumberGenerator.GetString(symbols, 1)
            + RandomNumberGenerator.GetString(upper + lower + digits, 16);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Administrator {Email} created with the one-time password {Password} — it is shown only now and must be changed at the first sign-in.")]
    private static partial void LogGeneratedAdmin(ILogger logger, string email, string password);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Administrator {Email} created with the password from ClaimDesk:Admin:Password.")]
    private static partial void LogConfiguredAdmin(ILogger logger, string email);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Demo user {Email} ({Role}) created with the password {Password}.")]
    private static partial void LogDemoUser(ILogger logger, string email, string role, string password);
}
