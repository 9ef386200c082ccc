namespace ClaimDesk.Web.Features.MasterData;

/// <summary>One text input of a master-data form (<c>_FormField</c>): its posted name, label, value as typed, and its errors from ModelState.</summary>
public sealed record FormField(string Name, string Label, string? Value, string Column = "col-sm-6", string Type = "text", bool ReadOnly = false)
{
    public string Id => Name.Replace('.', '_').Replace('[', '_').Replace(']', '_');
}
