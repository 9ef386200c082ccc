using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Account;

/// <summary>Identity's validation messages in the user's language instead of Identity's built-in English.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    private IdentityError Error(string code, string text, params object[] arguments) =>
        new() { Code = code, Description = localizer[text, arguments] };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), "An unknown failure has occurred.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Someone else changed this record meanwhile. Reload and try again.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "The current password is not correct.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "User name '{0}' is invalid.", userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "E-mail '{0}' is invalid.", email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "A user with e-mail '{0}' already exists.", userName);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "A user with e-mail '{0}' already exists.", email);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "The user already has the role '{0}'.", role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "The user does not have the role '{0}'.", role);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "The password must be at least {0} characters long.", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "The password must contain a character that is neither a letter nor a digit.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password must contain a digit (0-9).");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password must contain a lowercase letter (a-z).");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password must contain an uppercase letter (A-Z).");
}
