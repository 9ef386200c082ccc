using ClaimDesk.Core.Claims;

namespace ClaimDesk.Web.Features.CustomFields;

/// <summary>Custom fields as the audit trail names them.</summary>
public static class CustomFieldModel
{
    /// <summary>Where a claim's custom value is audited (<see cref="Claim.CustomFieldAuditName"/>): the field code, else null.</summary>
    public static string? AuditedCode(string? field) =>
        field is not null && field.StartsWith(Claim.CustomFieldPrefix, StringComparison.Ordinal) ? field[Claim.CustomFieldPrefix.Length..] : null;
}
