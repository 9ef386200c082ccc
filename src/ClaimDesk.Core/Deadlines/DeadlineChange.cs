namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// How one deadline of a claim changed when its deadlines were recomputed, for the claim's history. A deadline that
/// appeared has no old values; one that disappeared (say, another SLA policy now applies) has no new ones.
/// </summary>
public sealed record DeadlineChange(
    string RuleId, DateTime? OldDueAt, DateTime? NewDueAt, DeadlineState? OldState, DeadlineState? NewState)
{
    /// <summary>
    /// The changes from <paramref name="before"/> to <paramref name="after"/>, matched by rule id: new and changed
    /// deadlines in the order of <paramref name="after"/>, then the ones that went away. A paused clock's due time
    /// moves out with every recomputation while it stays paused; that drift is not worth recording, so a deadline
    /// paused before and after is not reported for its due time alone. Its new due time is reported when the pause ends.
    /// </summary>
    public static IReadOnlyList<DeadlineChange> Between(IReadOnlyList<ClaimDeadline> before, IReadOnlyList<ClaimDeadline> after)
    {
        var old = before.ToDictionary(d => d.RuleId, StringComparer.Ordinal);
        var changes = new List<DeadlineChange>();
        foreach (var now in after)
        {
            if (!old.Remove(now.RuleId, out var was))
            {
                changes.Add(new DeadlineChange(now.RuleId, null, now.DueAt, null, now.State));
            }
            else if (was.State != now.State
                || (was.DueAt != now.DueAt && !(was.State == DeadlineState.Paused && now.State == DeadlineState.Paused)))
            {
                changes.Add(new DeadlineChange(now.RuleId, was.DueAt, now.DueAt, was.State, now.State));
            }
        }

        changes.AddRange(before.Where(d => old.ContainsKey(d.RuleId))
            .Select(d => new DeadlineChange(d.RuleId, d.DueAt, null, d.State, null)));
        return changes;
    }
}
