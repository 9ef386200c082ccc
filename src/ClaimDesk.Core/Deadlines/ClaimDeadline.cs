namespace ClaimDesk.Core.Deadlines;

/// <summary>Which obligation a deadline tracks (DESIGN §5). PL-GUAR's guarantor performance counts as a resolution.</summary>
public enum DeadlineKind { StatutoryResponse, StatutoryResolution, SlaFirstResponse, SlaDecision, SlaResolution }

/// <summary>
/// Running: not yet due and not met. Paused: an SLA clock stopped while the claim waits on the claimant. Met: done by
/// the due time (or the claim closed by then). Breached: the due time passed first; it stays breached.
/// </summary>
public enum DeadlineState { Running, Paused, Met, Breached }

/// <summary>
/// One deadline of a claim: the rule it comes from (a statutory rule id such as <c>PL-CONS-RESP-2023</c>, or
/// <c>sla:VIP:resolution</c>), when it is due (UTC) and how it stands.
/// </summary>
public sealed record ClaimDeadline(DeadlineKind Kind, string RuleId, DateTime DueAt, DeadlineState State);

/// <summary>How close a Polish consumer complaint is to being deemed accepted for want of a response (PL-CONS-RESP).</summary>
public enum DeemedAcceptanceRisk
{
    /// <summary>No such deadline, or it was met.</summary>
    None,

    /// <summary>No response yet and the warning day has come.</summary>
    AtRisk,

    /// <summary>The response deadline passed without a response: the complaint is deemed accepted.</summary>
    DeemedAccepted,
}
