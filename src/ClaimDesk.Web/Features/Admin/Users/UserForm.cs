using System.ComponentModel.DataAnnotations;
using ClaimDesk.Core.Localization;

namespace ClaimDesk.Web.Features.Admin.Users;

/// <summary>What an administrator types when creating or editing a user; kept as typed when validation fails.</summary>
public sealed class UserForm
{
    [Required(ErrorMessage = "Enter the user's e-mail.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [StringLength(256, ErrorMessage = "At most {1} characters.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the user's name.")]
    [StringLength(200, ErrorMessage = "At most {1} characters.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose one of the offered languages.")]
    public string Language { get; set; } = ClaimDesk.Core.Localization.Language.English;

    public List<string> Roles { get; set; } = [];

    /// <summary>Required when creating; when editing, a value resets the password.</summary>
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public bool MustChangePassword { get; set; } = true;

    public bool IsDisabled { get; set; }

    public bool HasValidLanguage => Core.Localization.Language.IsSupported(Language);
}
