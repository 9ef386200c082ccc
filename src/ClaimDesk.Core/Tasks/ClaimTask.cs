using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;

namespace ClaimDesk.Core.Tasks;

/// <summary>
/// One task of a claim, made from a <see cref="TaskTemplate"/> when the claim entered <see cref="StatusCode"/>: for
/// its assignee (or, unassigned, for everyone holding <see cref="Role"/>), due at <see cref="DueAt"/>, done or not.
/// The title is copied from the template, so the task reads the same after the template changes.
/// </summary>
public sealed class ClaimTask
{
    public const string CreatedAction = "task_created";
    public const string DoneAction = "task_done";
    public const string UndoneAction = "task_undone";

    public long Id { get; private set; }

    public long ClaimId { get; private set; }

    /// <summary>The template it was made from; null once the template was removed.</summary>
    public int? TemplateId { get; private set; }

    public LocalizedText Title { get; private set; } = new("", "", "");

    public string StatusCode { get; private set; } = "";

    public string? AssigneeId { get; private set; }

    public string? Role { get; private set; }

    public int? TeamId { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime? DoneAt { get; private set; }

    public string? DoneById { get; private set; }

    public string? DoneByName { get; private set; }

    /// <summary>When the overdue task's assignee (or its role's holders) were told; set once.</summary>
    public DateTime? OverdueNotifiedAt { get; private set; }

    /// <summary>When the still-open overdue task was escalated to the managers; set once.</summary>
    public DateTime? EscalatedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public bool IsDone => DoneAt is not null;

    public bool IsOverdue(DateTime now) => DoneAt is null && DueAt < now;

    private ClaimTask()
    {
    }

    /// <summary>A task of <paramref name="claimId"/> from <paramref name="template"/>, entered at <paramref name="now"/>.</summary>
    public static ClaimTask From(TaskTemplate template, long claimId, string? assigneeId, DateTime dueAt, DateTime now, ChangeLog log)
    {
        log.Add(new Change(Claim.EntityType, claimId.ToString(System.Globalization.CultureInfo.InvariantCulture), CreatedAction, "task", null, template.Title.En));
        return new ClaimTask
        {
            ClaimId = claimId,
            TemplateId = template.Id,
            Title = template.Title,
            StatusCode = template.StatusCode,
            AssigneeId = assigneeId,
            Role = template.Role,
            TeamId = template.TeamId,
            DueAt = dueAt,
            CreatedAt = now,
        };
    }

    /// <summary>Marks the task done by <paramref name="actor"/>; refused when it is done already.</summary>
    public ClaimOutcome MarkDone(Actor actor, DateTime now, ChangeLog log)
    {
        if (DoneAt is not null)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, "task", "The task is done already.");
        }

        DoneAt = now;
        DoneById = actor.Id;
        DoneByName = actor.Name;
        log.Add(new Change(Claim.EntityType, Key, DoneAction, "task", null, Title.En));
        return ClaimOutcome.Done;
    }

    /// <summary>Opens a done task again; refused when it is open.</summary>
    public ClaimOutcome MarkUndone(ChangeLog log)
    {
        if (DoneAt is null)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, "task", "The task is not done.");
        }

        DoneAt = null;
        DoneById = null;
        DoneByName = null;
        log.Add(new Change(Claim.EntityType, Key, UndoneAction, "task", Title.En, null));
        return ClaimOutcome.Done;
    }

    private string Key => ClaimId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
