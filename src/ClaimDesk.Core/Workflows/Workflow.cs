using ClaimDesk.Core.Common;

namespace ClaimDesk.Core.Workflows;

/// <summary>Whether a status counts as open work, waiting on someone else, or finished (DESIGN §2).</summary>
public enum StatusCategory { Open, Waiting, Closed }

/// <summary>The decision a status stands for: entering it is the claim's (final) decision.</summary>
public enum StatusDecision { None, Accepted, Rejected }

/// <summary>
/// What the program relies on a status for, beyond its category and decision; chosen in the workflow editor, so that
/// no status code is written in the code and an administrator may name statuses as they like. A role is held by at
/// most one status of a workflow.
/// </summary>
public enum StatusRole
{
    None,

    /// <summary>Where a web submission waits until the claimant confirms it from the e-mail (an initial status hidden from queues).</summary>
    AwaitingConfirmation,

    /// <summary>Waiting for the goods: leaving it to be worked on means the goods came in.</summary>
    WaitingForGoods,

    /// <summary>Entering it means the goods came in.</summary>
    GoodsReceived,

    /// <summary>Entering it means the claim is resolved (the remedy carried out): it stops resolution deadlines.</summary>
    Resolved,
}

/// <summary>One status of a register's workflow.</summary>
public sealed class WorkflowStatus
{
    public int Id { get; set; }

    public int RegisterId { get; set; }

    public string Code { get; set; } = "";

    public StatusCategory Category { get; set; }

    public StatusDecision Decision { get; set; }

    public LocalizedText StaffLabel { get; set; } = new("", "", "");

    public LocalizedText CustomerLabel { get; set; } = new("", "", "");

    /// <summary>
    /// Claims may start here. New claims start in the one initial status shown in queues; an initial status hidden from
    /// queues is a further entry point that an intake channel names (web submissions awaiting confirmation).
    /// </summary>
    public bool IsInitial { get; set; }

    /// <summary>Whether the internal SLA clock runs (statutory clocks never pause).</summary>
    public bool SlaClockRuns { get; set; } = true;

    public bool HiddenFromQueues { get; set; }

    /// <summary>What the program relies on this status for (<see cref="StatusRole"/>).</summary>
    public StatusRole Role { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>One allowed move between two statuses, for the roles named, asking for the fields named.</summary>
public sealed class WorkflowTransition
{
    public const string ReasonField = "reason";
    public const string CommentField = "comment";

    public static IReadOnlyList<string> KnownFields { get; } = [ReasonField, CommentField];

    public int Id { get; set; }

    public int RegisterId { get; set; }

    public string FromStatus { get; set; } = "";

    public string ToStatus { get; set; } = "";

    public List<string> AllowedRoles { get; set; } = [];

    public List<string> RequiredFields { get; set; } = [];

    /// <summary>The kinds of claim document made and e-mailed to the claimant when a claim takes this transition.</summary>
    public List<string> EffectDocuments { get; set; } = [];
}

/// <summary>A register's statuses and transitions, as data an administrator edits (DESIGN §2).</summary>
public sealed class Workflow(IReadOnlyList<WorkflowStatus> statuses, IReadOnlyList<WorkflowTransition> transitions)
{
    public IReadOnlyList<WorkflowStatus> Statuses { get; } = statuses;

    public IReadOnlyList<WorkflowTransition> Transitions { get; } = transitions;

    public WorkflowStatus? Status(string code) => Statuses.FirstOrDefault(s => s.Code == code);

    /// <summary>Where new claims start: the initial status shown in queues.</summary>
    public WorkflowStatus Initial => Statuses.First(s => s.IsInitial && !s.HiddenFromQueues);

    /// <summary>The status that has <paramref name="role"/>, or null when none has.</summary>
    public WorkflowStatus? WithRole(StatusRole role) => role == StatusRole.None ? null : Statuses.FirstOrDefault(s => s.Role == role);

    public WorkflowTransition? Transition(string from, string to) =>
        Transitions.FirstOrDefault(t => t.FromStatus == from && t.ToStatus == to);

    /// <summary>Where a claim in <paramref name="from"/> may go, whoever asks.</summary>
    public IReadOnlyList<WorkflowTransition> From(string from) => [.. Transitions.Where(t => t.FromStatus == from)];

    /// <summary>Where a claim in <paramref name="from"/> may go for someone holding <paramref name="roles"/>.</summary>
    public IReadOnlyList<WorkflowTransition> From(string from, IReadOnlyCollection<string> roles) =>
        [.. From(from).Where(t => t.AllowedRoles.Any(roles.Contains))];

    /// <summary>
    /// What is wrong with this workflow, as (field, message key, arguments); empty when it can be saved. A workflow
    /// needs exactly one initial status shown in queues (further initial statuses hidden from queues are allowed), at
    /// least one closed status, every status reachable from an initial one, unique codes, each status role on one
    /// status at most (awaiting confirmation on an initial one hidden from queues), transitions between known
    /// statuses for known roles and fields.
    /// </summary>
    public IReadOnlyList<WorkflowProblem> Validate(IReadOnlyCollection<string> knownRoles)
    {
        var problems = new List<WorkflowProblem>();
        foreach (var status in Statuses)
        {
            if (!StatusCode.IsValid(status.Code))
            {
                problems.Add(new("statuses", "Status code '{0}' must be lowercase letters, digits and underscores.", status.Code));
            }

            if (string.IsNullOrWhiteSpace(status.StaffLabel.En))
            {
                problems.Add(new("statuses", "Status '{0}' needs an English staff label.", status.Code));
            }
        }

        foreach (var duplicate in Statuses.GroupBy(s => s.Code).Where(g => g.Count() > 1))
        {
            problems.Add(new("statuses", "Status code '{0}' is used twice.", duplicate.Key));
        }

        var initial = Statuses.Count(s => s.IsInitial && !s.HiddenFromQueues);
        if (initial != 1)
        {
            problems.Add(new("statuses", "Exactly one initial status must be shown in queues: new claims start there. There are {0}.", initial));
        }

        if (!Statuses.Any(s => s.Category == StatusCategory.Closed))
        {
            problems.Add(new("statuses", "The workflow needs at least one closed status."));
        }

        foreach (var shared in Statuses.Where(s => s.Role != StatusRole.None).GroupBy(s => s.Role).Where(g => g.Count() > 1))
        {
            problems.Add(new("statuses", "Statuses {0} have the same role; a role belongs to one status.", string.Join(", ", shared.Select(s => s.Code))));
        }

        foreach (var awaiting in Statuses.Where(s => s.Role == StatusRole.AwaitingConfirmation && !(s.IsInitial && s.HiddenFromQueues)))
        {
            problems.Add(new("statuses", "Status '{0}' awaits the claimant's confirmation, so it must be initial and hidden from queues.", awaiting.Code));
        }

        foreach (var transition in Transitions)
        {
            if (Status(transition.FromStatus) is null || Status(transition.ToStatus) is null)
            {
                problems.Add(new("transitions", "Transition {0} → {1} names a status that does not exist.", transition.FromStatus, transition.ToStatus));
            }

            if (transition.FromStatus == transition.ToStatus)
            {
                problems.Add(new("transitions", "Transition {0} → {1} leads nowhere.", transition.FromStatus, transition.ToStatus));
            }

            if (transition.AllowedRoles.Count == 0)
            {
                problems.Add(new("transitions", "Transition {0} → {1} allows no role.", transition.FromStatus, transition.ToStatus));
            }

            foreach (var role in transition.AllowedRoles.Where(r => !knownRoles.Contains(r)))
            {
                problems.Add(new("transitions", "Transition {0} → {1} names an unknown role '{2}'.", transition.FromStatus, transition.ToStatus, role));
            }

            foreach (var field in transition.RequiredFields.Where(f => !WorkflowTransition.KnownFields.Contains(f)))
            {
                problems.Add(new("transitions", "Transition {0} → {1} asks for an unknown field '{2}'.", transition.FromStatus, transition.ToStatus, field));
            }
        }

        foreach (var duplicate in Transitions.GroupBy(t => (t.FromStatus, t.ToStatus)).Where(g => g.Count() > 1))
        {
            problems.Add(new("transitions", "Transition {0} → {1} is defined twice.", duplicate.Key.FromStatus, duplicate.Key.ToStatus));
        }

        var entries = Statuses.Where(s => s.IsInitial).Select(s => s.Code).ToList();
        if (entries.Count > 0)
        {
            var reachable = Reachable(entries);
            foreach (var status in Statuses.Where(s => !reachable.Contains(s.Code)))
            {
                problems.Add(new("statuses", "Status '{0}' cannot be reached from the initial status.", status.Code));
            }
        }

        return problems;
    }

    private HashSet<string> Reachable(IReadOnlyList<string> starts)
    {
        var seen = new HashSet<string>(starts);
        var queue = new Queue<string>(starts);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in From(current).Select(t => t.ToStatus))
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }
}

/// <summary>A problem found in a workflow: the part it concerns, a message key (English text) and its arguments.</summary>
public sealed record WorkflowProblem(string Field, string Message, params object[] Arguments);

public static class StatusCode
{
    public static bool IsValid(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 40 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
        && char.IsLetter(code[0]);
}
