using Microsoft.AspNetCore.Identity;

namespace ClaimDesk.Web.Data;

/// <summary>A person who signs in: staff (Administrator, Manager, Operator, Technician) or a partner user.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The user's own UI language (<c>en</c>, <c>pl</c>, <c>cs</c>), applied at sign-in.</summary>
    public string Language { get; set; } = "en";

    /// <summary>
    /// When the user (in the language switcher) or an administrator (on the user's page) chose <see cref="Language"/>;
    /// null until then, and a sign-in keeps the language of the page the user signed in on.
    /// </summary>
    public DateTime? LanguageChosenAt { get; set; }

    /// <summary>A disabled user cannot sign in; existing sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set for generated passwords: the user must choose a new one before doing anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>For a partner user: the customer company whose claims and sales documents they see, and only those.</summary>
    public long? CustomerId { get; set; }
}
