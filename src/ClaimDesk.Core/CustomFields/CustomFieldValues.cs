using ClaimDesk.Core.Claims;

namespace ClaimDesk.Core.CustomFields;

/// <summary>Checks custom values sent by field code against a register's fields.</summary>
public static class CustomFieldValues
{
    /// <summary>
    /// Each value read by its field's type, or the errors, keyed <c>customFields.&lt;code&gt;</c>: an unknown or
    /// deactivated code, or a value the type refuses.
    /// </summary>
    public static (List<(CustomFieldDefinition Field, CustomFieldParse Value)> Parsed, List<FieldError> Errors) Check(
        IReadOnlyCollection<CustomFieldDefinition> fields, IReadOnlyDictionary<string, string?>? values)
    {
        var parsed = new List<(CustomFieldDefinition, CustomFieldParse)>();
        var errors = new List<FieldError>();
        foreach (var (code, raw) in values ?? new Dictionary<string, string?>())
        {
            var field = fields.FirstOrDefault(f => f.IsActive && f.Code == code);
            if (field is null)
            {
                errors.Add(new FieldError($"customFields.{code}", "The register has no field '{0}'.", code));
                continue;
            }

            var value = field.Parse(raw);
            if (value.Succeeded)
            {
                parsed.Add((field, value));
            }
            else
            {
                errors.Add(new FieldError("customFields." + code, value.Error!, value.Arguments));
            }
        }

        return (parsed, errors);
    }
}
