using ClaimDesk.Core.CustomFields;

namespace ClaimDesk.Web.Features.Admin.CustomFields;

/// <summary>The English names (localization keys) of the custom field types.</summary>
public static class CustomFieldLabels
{
    public static string Type(CustomFieldType type) => type switch
    {
        CustomFieldType.Text => "Text",
        CustomFieldType.Number => "Numeric",
        CustomFieldType.Date => "Date",
        CustomFieldType.Choice => "Choice",
        _ => "Yes/no",
    };
}
