using System.Globalization;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// How every form shows what is wrong: one message a field (the first one recorded, so a "required" and a format
/// complaint never show side by side), the input marked invalid and tied to that message for screen readers
/// (<c>aria-invalid</c>, <c>aria-describedby</c>), and a summary naming each field by its label
/// (Features/Shared/_ValidationSummary.cshtml); and the same field errors as an API's validation problem lists them.
/// </summary>
public static partial class FormErrors
{
    /// <summary>The id of the element holding a field's message.</summary>
    public static string ErrorId(string field) => "error-" + NotInId().Replace(field, "-").Trim('-');

    /// <summary>The one message a field shows, or null when it has none.</summary>
    public static string? MessageOf(ModelStateDictionary modelState, string field) =>
        modelState.TryGetValue(field, out var entry) ? MessageOf(entry) : null;

    public static string? MessageOf(ModelStateEntry entry) =>
        entry.Errors.Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrWhiteSpace(m))
        ?? (entry.Errors.Count > 0 ? "" : null);

    /// <summary>The fields with a message, in the order they were recorded, each with its one message.</summary>
    public static IEnumerable<(string Field, string Message)> All(ModelStateDictionary modelState) =>
        modelState
            .Where(e => e.Value is { ValidationState: ModelValidationState.Invalid })
            .Select(e => (e.Key, Message: MessageOf(e.Value!)))
            .Where(e => !string.IsNullOrEmpty(e.Message))
            .Select(e => (e.Key, e.Message!));

    /// <summary>
    /// Field errors keyed by the field's camelCase path, in the caller's language: the <c>errors</c> of an API's
    /// validation problem.
    /// </summary>
    public static Dictionary<string, string[]> Describe(IReadOnlyList<FieldError> errors, IStringLocalizer localizer) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => localizer[e.Message, e.Arguments].Value).ToArray());

    /// <summary>
    /// The label a field has on its form, for the summary: from the page when it names its fields
    /// (<see cref="IFieldLabels"/>), else the [Display] name of the bound property (<c>Input.Email</c>), else none.
    /// </summary>
    public static string? LabelOf(ViewContext context, string field)
    {
        if (field.Length == 0)
        {
            return null;
        }

        if (context.ViewData.Model is IFieldLabels labels && labels.LabelOf(field) is { } label)
        {
            return label;
        }

        var metadata = context.ViewData.ModelMetadata;
        foreach (var part in Indexer().Replace(field, "").Split('.'))
        {
            // A list's items are named by the list's element type.
            var property = (metadata.ElementMetadata ?? metadata).Properties[part];
            if (property is null)
            {
                return null;
            }

            metadata = property;
        }

        return metadata.DisplayName is null ? null : metadata.GetDisplayName();
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotInId();

    [GeneratedRegex(@"\[[^\]]*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Indexer();
}

/// <summary>
/// The labels of a form whose fields are API paths: <c>contact.email</c> by its own label, an item's field
/// (<c>lines[1].quantity</c>) by the field's label and the item's number, counted from 1.
/// </summary>
public sealed partial class FieldLabelMap(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> itemFields)
{
    public string? LabelOf(string field, IStringLocalizer localizer)
    {
        if (fields.TryGetValue(field, out var label))
        {
            return localizer[label].Value;
        }

        var item = ItemPath().Match(field);
        return item.Success && itemFields.TryGetValue(item.Groups[1].Value + "." + item.Groups[3].Value, out var itemLabel)
            ? localizer["{0} (item {1})", localizer[itemLabel].Value, int.Parse(item.Groups[2].Value, CultureInfo.InvariantCulture) + 1].Value
            : null;
    }

    [GeneratedRegex(@"^(\w+)\[(\d+)\]\.(\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ItemPath();
}

/// <summary>A page whose fields are named by API paths (<c>contact.email</c>) says which label each has on the form.</summary>
public interface IFieldLabels
{
    /// <summary>The field's label as the form shows it, localized; null when the page does not know it.</summary>
    string? LabelOf(string field);
}

/// <summary>
/// Marks an input, select or textarea whose field has an error: <c>is-invalid</c>, <c>aria-invalid="true"</c> and
/// <c>aria-describedby</c> naming its message. The field is <c>error-for="contact.email"</c>, or its <c>asp-for</c>.
/// </summary>
[HtmlTargetElement("input", Attributes = ErrorForName)]
[HtmlTargetElement("select", Attributes = ErrorForName)]
[HtmlTargetElement("textarea", Attributes = ErrorForName)]
[HtmlTargetElement("input", Attributes = AspForName)]
[HtmlTargetElement("select", Attributes = AspForName)]
[HtmlTargetElement("textarea", Attributes = AspForName)]
public sealed class InvalidFieldTagHelper : TagHelper
{
    private const string ErrorForName = "error-for";
    private const string AspForName = "asp-for";

    // After the framework's own tag helpers, which write the name, id and class of an asp-for input.
    public override int Order => 1000;

    [HtmlAttributeName(ErrorForName)]
    public string? ErrorFor { get; set; }

    [HtmlAttributeName(AspForName)]
    public ModelExpression? For { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var field = ErrorFor ?? (For is null ? null : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name));
        if (field is null || output.Attributes["type"]?.Value?.ToString() == "hidden"
            || string.IsNullOrEmpty(FormErrors.MessageOf(ViewContext.ModelState, field)))
        {
            return;
        }

        output.AddClass("is-invalid", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        var id = FormErrors.ErrorId(field);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? id : describedBy + " " + id);
    }
}

/// <summary>
/// <c>&lt;field-error for="contact.email" /&gt;</c>: the field's one message, with the id its input points at, or
/// nothing when the field is fine.
/// </summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    public string For { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var message = FormErrors.MessageOf(ViewContext.ModelState, For);
        if (string.IsNullOrEmpty(message))
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.AddClass("invalid-feedback", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.AddClass("d-block", System.Text.Encodings.Web.HtmlEncoder.Default);
        output.Attributes.SetAttribute("id", FormErrors.ErrorId(For));
        output.Attributes.SetAttribute("data-field", For);
        output.Content.SetContent(message);
    }
}

/// <summary>Gives the framework's <c>asp-validation-for</c> message the id its input points at.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
[HtmlTargetElement("div", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var field = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!string.IsNullOrEmpty(FormErrors.MessageOf(ViewContext.ModelState, field)))
        {
            output.Attributes.SetAttribute("id", FormErrors.ErrorId(field));
        }
    }
}
