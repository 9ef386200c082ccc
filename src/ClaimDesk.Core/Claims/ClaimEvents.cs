namespace ClaimDesk.Core.Claims;

/// <summary>
/// What happened to a claim, raised by its own methods as they change it (<see cref="Claim.Events"/>), for the
/// features that act on it (webhooks, and later others) to read instead of reading the audit trail's codes back.
/// </summary>
public abstract record ClaimEvent(long ClaimId);

/// <summary>The claim moved from one status of its workflow to another.</summary>
public sealed record ClaimStatusChanged(long ClaimId, string From, string To) : ClaimEvent(ClaimId);

/// <summary>The claim's decision became <paramref name="Decision"/>: accepted, partially accepted or rejected.</summary>
public sealed record ClaimDecided(long ClaimId, ClaimDecision Decision) : ClaimEvent(ClaimId);

/// <summary>The claim entered a closed status from one that was not closed (a move within the closed ones is not this).</summary>
public sealed record ClaimClosed(long ClaimId) : ClaimEvent(ClaimId);
