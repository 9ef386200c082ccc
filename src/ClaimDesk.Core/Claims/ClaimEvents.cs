using ClaimDesk.Core.Deadlines;

namespace ClaimDesk.Core.Claims;

/// <summary>
/// What happened to a claim, raised by its own methods as they change it (<see cref="Claim.Events"/>). The features
/// that act on a change (deadlines, assignment, notifications, webhooks) handle these inside the change's transaction,
/// instead of being called by the code that made the change or reading the audit trail's codes back.
/// </summary>
public abstract record ClaimEvent;

/// <summary>The claim was opened and numbered, in whichever status its channel starts it in.</summary>
public sealed record ClaimOpened : ClaimEvent;

/// <summary>
/// The claim became staff's to handle: opened in its workflow's initial status, or confirmed by its claimant from a
/// status awaiting confirmation (which no queue shows and in which nobody hears of the claim).
/// </summary>
public sealed record ClaimBecameVisible : ClaimEvent;

/// <summary>The claim moved from one status of its workflow to another (leaving a status awaiting confirmation is <see cref="ClaimBecameVisible"/>).</summary>
public sealed record ClaimStatusChanged(string From, string To) : ClaimEvent;

/// <summary>Line <paramref name="LineNo"/> got the decision <paramref name="Decision"/>.</summary>
public sealed record LineDecided(int LineNo, LineDecision Decision) : ClaimEvent;

/// <summary>The claim's decision became <paramref name="Decision"/>: accepted, partially accepted or rejected.</summary>
public sealed record ClaimDecided(ClaimDecision Decision) : ClaimEvent;

/// <summary>The claim entered a closed status from one that was not closed (a move within the closed ones is not this).</summary>
public sealed record ClaimClosed : ClaimEvent;

/// <summary>
/// The claim was given to <paramref name="AssigneeId"/> (null: to nobody) by <paramref name="By"/>, a person or the
/// system (an assignment rule).
/// </summary>
public sealed record ClaimAssigned(string? AssigneeId, string? PreviousAssigneeId, Actor By) : ClaimEvent;

/// <summary>The claim was deleted (softly).</summary>
public sealed record ClaimDeleted : ClaimEvent;

/// <summary>
/// A message was added to the claim's thread: <paramref name="Kind"/> is <c>note</c>, <c>outbound</c> (to the
/// claimant) or <c>inbound</c> (from them); <paramref name="Text"/> is its text, or the names of its files when it
/// has none; <paramref name="FirstResponse"/> tells that it was the first message to the claimant.
/// </summary>
public sealed record MessagePosted(long MessageId, string Kind, string Text, bool FirstResponse) : ClaimEvent;

/// <summary>One of the claim's deadlines appeared, moved, changed state or went away.</summary>
public sealed record DeadlineChanged(DeadlineChange Change) : ClaimEvent;

/// <summary>The work on item <paramref name="LineNo"/> changed: <paramref name="Fields"/> are the fields changed (<c>diagnosis</c>, <c>remedy</c>, <c>returned_at</c> …).</summary>
public sealed record ItemWorked(int LineNo, IReadOnlyList<string> Fields) : ClaimEvent;

/// <summary>Item <paramref name="LineNo"/> was granted <paramref name="Remedy"/> (a change to another remedy raises it again).</summary>
public sealed record RemedyGranted(int LineNo, GrantedRemedy Remedy) : ClaimEvent;

/// <summary>A cost line of the claim was added, changed or removed; <paramref name="CostTotal"/> is the claim's total now.</summary>
public sealed record CostsChanged(decimal CostTotal) : ClaimEvent;
