using ClaimDesk.Core.Registers;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>What each kind of register holds, in the reader's language.</summary>
public static class RegisterKindLabels
{
    public static string Of(RegisterKind kind, IStringLocalizer localizer) => kind switch
    {
        RegisterKind.Complaints => localizer["Customer complaints (statutory deadlines apply)"],
        RegisterKind.Supplier => localizer["Claims to suppliers"],
        RegisterKind.Presale => localizer["Defects found before sale"],
        _ => localizer["Paid repairs"],
    };
}
