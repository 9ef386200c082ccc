using ClaimDesk.Core.CustomFields;

namespace ClaimDesk.Core.Claims;

/// <summary>A claim's values of its register's custom fields (issue 7), each change audited.</summary>
public sealed partial class Claim
{
    /// <summary>The audit field of a custom value: <c>custom:warranty_card</c>.</summary>
    public static string CustomFieldAuditName(string code) => CustomFieldPrefix + code;

    public const string CustomFieldPrefix = "custom:";

    /// <summary>
    /// Sets the custom values given by field code (an empty value clears the field). Every value is checked first:
    /// a code the register's active fields lack or a value its type refuses changes nothing. Each change is audited.
    /// </summary>
    public ClaimOutcome SetCustomValues(IReadOnlyCollection<CustomFieldDefinition> fields, IReadOnlyDictionary<string, string?> values,
        DateTime now, ChangeLog log)
    {
        var (parsed, errors) = CustomFieldValues.Check(fields, values);
        if (errors.Count > 0)
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, errors[0].Field, errors[0].Message, errors[0].Arguments);
        }

        var changed = false;
        foreach (var (field, value) in parsed)
        {
            changed |= SetCustomValue(field, value, log);
        }

        if (changed && Id != 0)
        {
            Touch(now);
        }

        return ClaimOutcome.Done;
    }

    /// <summary>Puts one checked value into the claim; returns whether it changed.</summary>
    public bool SetCustomValue(CustomFieldDefinition field, CustomFieldParse value, ChangeLog log)
    {
        var current = CustomValues.FirstOrDefault(v => v.FieldId == field.Id);
        if (current?.Value == value.Value)
        {
            return false;
        }

        log.Add(new Change(EntityType, IdText, "updated", CustomFieldAuditName(field.Code), current?.Value, value.Value));
        if (value.Value is null)
        {
            _customValues.Remove(current!);
            return true;
        }

        current ??= new ClaimCustomValue { ClaimId = Id, FieldId = field.Id };
        if (!_customValues.Contains(current))
        {
            _customValues.Add(current);
        }

        current.Value = value.Value;
        current.NumberValue = value.Number;
        current.SearchLabels = field.Type == CustomFieldType.Choice
            ? string.Join(' ', field.Choices.Where(c => c.Code == value.Value).SelectMany(c => new[] { c.Label.En, c.Label.Pl, c.Label.Cs }))
            : null;
        return true;
    }
}
