using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.CustomFields;

/// <summary>What a custom field holds; the code (<c>yes_no</c>) is what the API and the database speak.</summary>
public enum CustomFieldType { Text, Number, Date, Choice, YesNo }

/// <summary>One option of a choice field: a stable code and its label in each language.</summary>
public sealed record CustomFieldChoice(string Code, LocalizedText Label);

/// <summary>
/// A field an administrator adds to a register's claims (DESIGN §2, issue 7): its code is unique in the register and
/// is the key the API uses; it may be required before a claim enters a status, and shown to the claimant or not.
/// A deactivated field is neither shown nor accepted any more; the values claims hold are kept.
/// </summary>
public sealed class CustomFieldDefinition
{
    public const string EntityType = "custom_field";
    public const int MaxTextLength = 1_000;
    public const int MaxChoices = 100;

    /// <summary>The arrow between the two statuses of a transition in <see cref="RequiredOn"/>: <c>in_review→accepted</c>.</summary>
    public const string Arrow = "→";

    public int Id { get; set; }

    public int RegisterId { get; set; }

    public string Code { get; set; } = "";

    public LocalizedText Label { get; set; } = new("", "", "");

    public CustomFieldType Type { get; set; }

    public List<CustomFieldChoice> Choices { get; set; } = [];

    /// <summary>Where the field must be filled in: a status code (any move into it) or <c>from→to</c> (that move only).</summary>
    public List<string> RequiredOn { get; set; } = [];

    public bool VisibleToCustomer { get; set; }

    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Whether a claim moving from <paramref name="from"/> to <paramref name="to"/> must have a value here.</summary>
    public bool IsRequiredFor(string from, string to) =>
        IsActive && RequiredOn.Any(r => r == to || r == from + Arrow + to);

    /// <summary>
    /// Reads what was typed or sent into the stored form: text trimmed; a number in either notation (<c>1 499,5</c>,
    /// <c>1499.5</c>) as invariant text; a date (<c>2026-03-01</c>, <c>1.3.2026</c>) as <c>yyyy-MM-dd</c>; a choice as
    /// its code; yes/no as <c>yes</c> or <c>no</c>. Empty input is no value (<see cref="CustomFieldParse.Value"/> null).
    /// </summary>
    public CustomFieldParse Parse(string? raw)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return CustomFieldParse.Empty;
        }

        switch (Type)
        {
            case CustomFieldType.Text:
                return text.Length > MaxTextLength
                    ? CustomFieldParse.Refuse("At most {0} characters.", MaxTextLength)
                    : CustomFieldParse.Of(text, null);
            case CustomFieldType.Number:
                var normalised = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(',', '.');
                if (!decimal.TryParse(normalised, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    || Math.Abs(number) >= 1_000_000_000_000m)
                {
                    return CustomFieldParse.Refuse("'{0}' is not a number.", text);
                }

                var canonical = number.ToString("0.############", CultureInfo.InvariantCulture);
                return CustomFieldParse.Of(canonical, (double)number);
            case CustomFieldType.Date:
                string[] formats = ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"];
                return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? CustomFieldParse.Of(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : CustomFieldParse.Refuse("'{0}' is not a date.", text);
            case CustomFieldType.Choice:
                var choice = Choices.FirstOrDefault(c => string.Equals(c.Code, text, StringComparison.OrdinalIgnoreCase));
                return choice is null
                    ? CustomFieldParse.Refuse("'{0}' is not one of the choices: {1}.", text, string.Join(", ", Choices.Select(c => c.Code)))
                    : CustomFieldParse.Of(choice.Code, null);
            default:
                return text.ToLowerInvariant() switch
                {
                    "yes" or "true" or "1" or "tak" or "ano" => CustomFieldParse.Of(Yes, null),
                    "no" or "false" or "0" or "nie" or "ne" => CustomFieldParse.Of(No, null),
                    _ => CustomFieldParse.Refuse("'{0}' is neither yes nor no.", text),
                };
        }
    }

    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>The label of a stored choice code in <paramref name="language"/>; the code itself when the choice is gone.</summary>
    public string ChoiceLabel(string code, string? language) =>
        Choices.FirstOrDefault(c => c.Code == code)?.Label.In(language) ?? code;

    /// <summary>
    /// What is wrong with this definition, as (field, message key, arguments); empty when it can be saved. The code is
    /// snake_case and not taken by <paramref name="takenCodes"/>; the English label is given; a choice field has
    /// choices with distinct snake_case codes and English labels, other types none; every required-on entry names a
    /// status (or a transition) of <paramref name="workflow"/>.
    /// </summary>
    public IReadOnlyList<WorkflowProblem> Validate(Workflow workflow, IReadOnlyCollection<string> takenCodes)
    {
        var problems = new List<WorkflowProblem>();
        if (!StatusCode.IsValid(Code))
        {
            problems.Add(new("code", "The code must be lowercase letters, digits and underscores, starting with a letter (at most 40)."));
        }
        else if (takenCodes.Contains(Code))
        {
            problems.Add(new("code", "The register already has a field '{0}'.", Code));
        }

        if (string.IsNullOrWhiteSpace(Label.En))
        {
            problems.Add(new("labelEn", "The field needs an English label."));
        }

        if (Label.En.Length > 100 || Label.Pl.Length > 100 || Label.Cs.Length > 100)
        {
            problems.Add(new("labelEn", "A label has at most {0} characters.", 100));
        }

        if (Type == CustomFieldType.Choice)
        {
            if (Choices.Count == 0)
            {
                problems.Add(new("choices", "A choice field needs at least one choice."));
            }
            else if (Choices.Count > MaxChoices)
            {
                problems.Add(new("choices", "At most {0} choices.", MaxChoices));
            }

            foreach (var choice in Choices)
            {
                if (!StatusCode.IsValid(choice.Code))
                {
                    problems.Add(new("choices", "Choice code '{0}' must be lowercase letters, digits and underscores.", choice.Code));
                }

                if (string.IsNullOrWhiteSpace(choice.Label.En))
                {
                    problems.Add(new("choices", "Choice '{0}' needs an English label.", choice.Code));
                }
            }

            foreach (var duplicate in Choices.GroupBy(c => c.Code).Where(g => g.Count() > 1))
            {
                problems.Add(new("choices", "Choice code '{0}' is used twice.", duplicate.Key));
            }
        }
        else if (Choices.Count > 0)
        {
            problems.Add(new("choices", "Only a choice field has choices."));
        }

        foreach (var entry in RequiredOn)
        {
            var parts = entry.Split(Arrow);
            var known = parts.Length switch
            {
                1 => workflow.Status(parts[0]) is not null,
                2 => workflow.Transition(parts[0], parts[1]) is not null,
                _ => false,
            };
            if (!known)
            {
                problems.Add(new("requiredOn", "'{0}' is neither a status nor a transition of the register's workflow.", entry));
            }
        }

        return problems;
    }

    /// <summary>
    /// Reads a list of required-on entries as an administrator types them: separated by commas, spaces or new lines,
    /// a transition written <c>from→to</c> or <c>from->to</c>.
    /// </summary>
    public static List<string> ParseRequiredOn(string? text) =>
        [.. System.Text.RegularExpressions.Regex.Replace((text ?? "").Replace("->", Arrow, StringComparison.Ordinal), @"\s*→\s*", Arrow)
            .Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct()];
}

/// <summary>The outcome of reading one custom value: the stored text (null: no value), a number for sorting, or a refusal.</summary>
public sealed record CustomFieldParse(bool Succeeded, string? Value, double? Number, string? Error, object[] Arguments)
{
    public static CustomFieldParse Empty { get; } = new(true, null, null, null, []);

    public static CustomFieldParse Of(string value, double? number) => new(true, value, number, null, []);

    public static CustomFieldParse Refuse(string error, params object[] arguments) => new(false, null, null, error, arguments);
}
