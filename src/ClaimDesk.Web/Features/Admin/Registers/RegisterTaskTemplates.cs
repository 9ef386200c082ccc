using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Tasks;
using ClaimDesk.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>A team as the task table offers it.</summary>
public sealed record TeamChoice(int Id, string Name);

/// <summary>
/// The task templates of a register's statuses, edited in the same form and saved in the same transaction as the
/// workflow: validated with it (<see cref="TaskRules.Validate"/>), each added, changed or removed template audited on
/// the register. A template keeps its id while it is edited, so the tasks made from it keep naming it.
/// </summary>
public sealed partial class RegisterAdministration
{
    public Task<List<TeamChoice>> TeamsAsync() =>
        db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync();

    /// <summary>"Add task": one more empty row, for the status of the last row; what was typed stays.</summary>
    public static void AddTask(RegisterForm form)
    {
        CarryRenames(form);
        form.Tasks.Add(new TaskRow
        {
            Status = form.Tasks.LastOrDefault()?.Status,
            For = TaskRow.ForRole(StaffRole.Technician),
            DueInWorkingDays = "2",
        });
    }

    private Task<List<TaskTemplate>> TemplatesAsync(int registerId) =>
        db.TaskTemplates.AsNoTracking().Where(t => t.RegisterId == registerId).OrderBy(t => t.StatusCode).ThenBy(t => t.SortOrder).ThenBy(t => t.Id)
            .ToListAsync();

    private static TaskRow ToRow(TaskTemplate template) => new()
    {
        Id = template.Id.ToString(CultureInfo.InvariantCulture),
        Status = template.StatusCode,
        TitleEn = template.Title.En,
        TitlePl = template.Title.Pl,
        TitleCs = template.Title.Cs,
        For = template.TeamId is { } team ? TaskRow.ForTeam(team) : TaskRow.ForRole(template.Role ?? ""),
        DueInWorkingDays = template.DueInWorkingDays.ToString(CultureInfo.InvariantCulture),
    };

    private static string Describe(TaskTemplate t) =>
        $"title: {t.Title.En} / {t.Title.Pl} / {t.Title.Cs}; for: {(t.TeamId is { } team ? TaskRow.ForTeam(team) : TaskRow.ForRole(t.Role ?? ""))}; "
        + $"due in working days: {t.DueInWorkingDays.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The workflow's fingerprint with the task templates in it, independent of their order.</summary>
    private static string WithTasks(string fingerprint, IEnumerable<TaskTemplate> templates)
    {
        var text = new StringBuilder(fingerprint).Append('\n');
        foreach (var line in templates.Select(t => $"{t.StatusCode} {Describe(t)}").Order(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The task rows as templates, in their order within each status; what cannot be read goes to <paramref name="errors"/>.
    /// Rows of a removed status go with it; removed and blank rows are left out.
    /// </summary>
    private async Task<List<TaskTemplate>> ReadTasksAsync(RegisterForm form, Workflow workflow, List<(string Field, string Message)> errors)
    {
        var kept = workflow.Statuses.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var removed = form.Statuses.Where(s => s.Remove)
            .SelectMany(s => new[] { Clean(s.Code), Clean(s.OriginalCode) })
            .Where(c => c.Length > 0 && !kept.Contains(c))
            .ToHashSet(StringComparer.Ordinal);
        var teams = await db.Teams.AsNoTracking().Select(t => t.Id).ToListAsync();
        var templates = new List<TaskTemplate>();
        foreach (var row in form.Tasks.Where(t => !t.Remove && !t.IsBlank && !removed.Contains(Clean(t.Status))))
        {
            var title = new LocalizedText(Clean(row.TitleEn), Clean(row.TitlePl), Clean(row.TitleCs));
            var name = title.En.Length > 0 ? title.En : Clean(row.Status);
            var template = new TaskTemplate
            {
                Id = int.TryParse(row.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0,
                StatusCode = Clean(row.Status),
                Title = title,
                SortOrder = templates.Count(t => t.StatusCode == Clean(row.Status)),
            };
            var target = Clean(row.For);
            if (target.StartsWith("role:", StringComparison.Ordinal))
            {
                template.Role = target["role:".Length..];
            }
            else if (target.StartsWith("team:", StringComparison.Ordinal)
                && int.TryParse(target["team:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var team))
            {
                template.TeamId = team;
            }

            if (!int.TryParse(Clean(row.DueInWorkingDays), NumberStyles.None, CultureInfo.InvariantCulture, out var due))
            {
                errors.Add(("Form.Tasks", localizer["Task '{0}': the due time is a whole number of working days.", name]));
                due = 0;
            }

            template.DueInWorkingDays = due;
            templates.Add(template);
        }

        errors.AddRange(TaskRules.Validate(workflow, templates, StaffRole.Staff, teams)
            .Select(p => ("Form." + Capitalized(p.Field), Localize(p))));
        return templates;
    }

    /// <summary>Updates the templates kept (by id), adds the new ones and removes the rest; each change audited on the register.</summary>
    private async Task SaveTasksAsync(int registerId, List<TaskTemplate> templates)
    {
        var id = registerId.ToString(CultureInfo.InvariantCulture);
        var existing = await db.TaskTemplates.Where(t => t.RegisterId == registerId).ToDictionaryAsync(t => t.Id);
        foreach (var template in templates)
        {
            if (template.Id != 0 && existing.Remove(template.Id, out var stored))
            {
                var before = Describe(stored);
                var statusBefore = stored.StatusCode;
                stored.StatusCode = template.StatusCode;
                stored.Title = template.Title;
                stored.Role = template.Role;
                stored.TeamId = template.TeamId;
                stored.DueInWorkingDays = template.DueInWorkingDays;
                stored.SortOrder = template.SortOrder;
                if (before != Describe(stored) || statusBefore != stored.StatusCode)
                {
                    audit.Record(Entity, id, "task_changed", $"task {stored.StatusCode} {stored.Title.En}",
                        $"{statusBefore}: {before}", $"{stored.StatusCode}: {Describe(stored)}");
                }

                continue;
            }

            template.Id = 0;
            template.RegisterId = registerId;
            db.TaskTemplates.Add(template);
            audit.Record(Entity, id, "task_added", $"task {template.StatusCode} {template.Title.En}", null, Describe(template));
        }

        foreach (var gone in existing.Values)
        {
            db.TaskTemplates.Remove(gone);
            audit.Record(Entity, id, "task_removed", $"task {gone.StatusCode} {gone.Title.En}", Describe(gone), null);
        }
    }
}
