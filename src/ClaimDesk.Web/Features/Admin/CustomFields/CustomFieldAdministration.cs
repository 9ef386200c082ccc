using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.CustomFields;

/// <summary>A custom field as the administrator types it; choices one a line: <c>code | English | Polski | Česky</c>.</summary>
public sealed class CustomFieldForm
{
    public string? Code { get; set; }
    public string? LabelEn { get; set; }
    public string? LabelPl { get; set; }
    public string? LabelCs { get; set; }
    public string Type { get; set; } = "text";
    public string? Choices { get; set; }
    public string? RequiredOn { get; set; }
    public bool VisibleToCustomer { get; set; }
    public bool IsActive { get; set; } = true;

    public static CustomFieldForm Of(CustomFieldDefinition field) => new()
    {
        Code = field.Code,
        LabelEn = field.Label.En,
        LabelPl = field.Label.Pl,
        LabelCs = field.Label.Cs,
        Type = Codes.Of(field.Type),
        Choices = string.Join('\n', field.Choices.Select(c => $"{c.Code} | {c.Label.En} | {c.Label.Pl} | {c.Label.Cs}")),
        RequiredOn = string.Join(", ", field.RequiredOn),
        VisibleToCustomer = field.VisibleToCustomer,
        IsActive = field.IsActive,
    };

    public static List<CustomFieldChoice> ParseChoices(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line =>
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            string Part(int i) => parts.Length > i ? parts[i] : "";
            return new CustomFieldChoice(Part(0), new LocalizedText(Part(1), Part(2), Part(3)));
        })];
}

public sealed record CustomFieldRegister(int Id, string Code, LocalizedText Name);

/// <summary>
/// Administrators' custom fields per register: create, edit, reorder, deactivate (never delete: claims keep their
/// values). Every change is audited on the field (<see cref="CustomFieldDefinition.EntityType"/>), in the same transaction.
/// A field's type is fixed once it exists, so stored values never change meaning.
/// </summary>
public sealed class CustomFieldAdministration(AppDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> localizer)
{
    public Task<CustomFieldRegister?> RegisterAsync(string code) =>
        db.Registers.AsNoTracking().Where(r => r.Code == code).Select(r => new CustomFieldRegister(r.Id, r.Code, r.Name)).SingleOrDefaultAsync();

    public Task<List<CustomFieldDefinition>> ListAsync(int registerId) =>
        db.CustomFields.AsNoTracking().Where(f => f.RegisterId == registerId).OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync();

    public Task<CustomFieldDefinition?> FindAsync(int registerId, int id) =>
        db.CustomFields.AsNoTracking().SingleOrDefaultAsync(f => f.RegisterId == registerId && f.Id == id);

    public Task<List<AuditEvent>> HistoryAsync(int fieldId)
    {
        var id = fieldId.ToString(CultureInfo.InvariantCulture);
        return db.AuditEvents.AsNoTracking().Where(e => e.EntityType == CustomFieldDefinition.EntityType && e.EntityId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(100).ToListAsync();
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a field; the errors by form field when it cannot be saved.</summary>
    public async Task<(int? Id, IReadOnlyList<(string Field, string Message)> Errors)> SaveAsync(CustomFieldRegister register, int? id, CustomFieldForm form)
    {
        var field = id is null
            ? new CustomFieldDefinition { RegisterId = register.Id }
            : await db.CustomFields.SingleOrDefaultAsync(f => f.RegisterId == register.Id && f.Id == id);
        if (field is null)
        {
            return (null, [("", localizer["The field does not exist."])]);
        }

        var old = CustomFieldForm.Of(field);
        var errors = new List<(string, string)>();
        if (id is null)
        {
            if (!Codes.TryParse<CustomFieldType>(form.Type, out var type))
            {
                errors.Add(("Form.Type", localizer["Choose the type of the field."]));
            }

            field.Type = type;
            field.Code = form.Code?.Trim() ?? "";
        }

        field.Label = new LocalizedText(form.LabelEn?.Trim() ?? "", form.LabelPl?.Trim() ?? "", form.LabelCs?.Trim() ?? "");
        field.Choices = field.Type == CustomFieldType.Choice || !string.IsNullOrWhiteSpace(form.Choices) ? CustomFieldForm.ParseChoices(form.Choices) : [];
        field.RequiredOn = CustomFieldDefinition.ParseRequiredOn(form.RequiredOn);
        field.VisibleToCustomer = form.VisibleToCustomer;
        field.IsActive = form.IsActive;

        var workflowOwner = await db.Registers.AsNoTracking().Include(r => r.Statuses).Include(r => r.Transitions).AsSplitQuery()
            .SingleAsync(r => r.Id == register.Id);
        var taken = await db.CustomFields.AsNoTracking().Where(f => f.RegisterId == register.Id && f.Id != field.Id).Select(f => f.Code).ToListAsync();
        errors.AddRange(field.Validate(workflowOwner.Workflow, taken)
            .Select(p => ("Form." + char.ToUpperInvariant(p.Field[0]) + p.Field[1..], localizer[p.Message, p.Arguments].Value)));
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        if (id is null)
        {
            field.SortOrder = (await db.CustomFields.Where(f => f.RegisterId == register.Id).MaxAsync(f => (int?)f.SortOrder) ?? 0) + 1;
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            audit.Record(CustomFieldDefinition.EntityType, Key(field.Id), "created", field.Code, null, Describe(field));
        }
        else
        {
            var now = CustomFieldForm.Of(field);
            var entity = Key(field.Id);
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "label_en", old.LabelEn, now.LabelEn);
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "label_pl", old.LabelPl, now.LabelPl);
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "label_cs", old.LabelCs, now.LabelCs);
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "choices", old.Choices, now.Choices);
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "required_on", old.RequiredOn, now.RequiredOn);
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "visible_to_customer", Yes(old.VisibleToCustomer), Yes(now.VisibleToCustomer));
            audit.RecordChange(CustomFieldDefinition.EntityType, entity, "active", Yes(old.IsActive), Yes(now.IsActive));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (field.Id, []);
    }

    /// <summary>Moves a field one place up or down in its register's order (swapping with its neighbour); audited.</summary>
    public async Task<bool> MoveAsync(int registerId, int id, bool up)
    {
        var fields = await db.CustomFields.Where(f => f.RegisterId == registerId).OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync();
        var index = fields.FindIndex(f => f.Id == id);
        var other = up ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= fields.Count)
        {
            return false;
        }

        // Renumber the whole list so that equal sort orders left by older data cannot make the swap a no-op.
        (fields[index], fields[other]) = (fields[other], fields[index]);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].SortOrder != i + 1)
            {
                audit.RecordChange(CustomFieldDefinition.EntityType, Key(fields[i].Id), "order",
                    fields[i].SortOrder.ToString(CultureInfo.InvariantCulture), (i + 1).ToString(CultureInfo.InvariantCulture));
                fields[i].SortOrder = i + 1;
            }
        }

        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Deactivates a field (or activates it again); its values stay on the claims.</summary>
    public async Task<bool> SetActiveAsync(int registerId, int id, bool active)
    {
        var field = await db.CustomFields.SingleOrDefaultAsync(f => f.RegisterId == registerId && f.Id == id);
        if (field is null)
        {
            return false;
        }

        audit.RecordChange(CustomFieldDefinition.EntityType, Key(id), "active", Yes(field.IsActive), Yes(active));
        field.IsActive = active;
        await db.SaveChangesAsync();
        return true;
    }

    private static string Describe(CustomFieldDefinition field) =>
        $"{field.Code} ({Codes.Of(field.Type)}) \"{field.Label.En}\"" + (field.RequiredOn.Count > 0 ? $", required on {string.Join(", ", field.RequiredOn)}" : "")
        + (field.VisibleToCustomer ? ", visible to the customer" : "");

    private static string Yes(bool value) => value ? "yes" : "no";

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}
