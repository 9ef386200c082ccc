using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Claims;

/// <summary>
/// A complaint or RMA (reklamacja, DESIGN §2). State changes go through its methods, which enforce the register's
/// workflow and the decision rules and write every change into a <see cref="ChangeLog"/> for the audit trail.
/// </summary>
public sealed partial class Claim
{
    public const string EntityType = "claim";
    public const string LineEntityType = "claim_line";

    private readonly List<ClaimEvent> _events = [];
    private readonly List<ClaimLine> _lines = [];
    private readonly List<ClaimCustomValue> _customValues = [];

    /// <summary>What this claim's methods did since it was loaded or since <see cref="ClearEvents"/>, in order; not stored.</summary>
    public IReadOnlyList<ClaimEvent> Events => _events;

    /// <summary>Forgets the events, once the features that act on them have.</summary>
    public void ClearEvents() => _events.Clear();

    public long Id { get; private set; }

    public string Number { get; private set; } = "";

    public int RegisterId { get; private set; }

    public Register? Register { get; private set; }

    public Channel Channel { get; private set; }

    public long? CustomerId { get; private set; }

    public Customer? Customer { get; private set; }

    public string ContactName { get; private set; } = "";

    public string? ContactEmail { get; private set; }

    public string? ContactPhone { get; private set; }

    public string ContactLanguage { get; private set; } = "pl";

    public ContactChannel PreferredChannel { get; private set; }

    public CustomerType CustomerType { get; private set; }

    public LegalBasis LegalBasis { get; private set; }

    public ClaimCategory Category { get; private set; }

    public RequestedRemedy RequestedRemedy { get; private set; }

    public DeliveryMethod DeliveryMethod { get; private set; }

    /// <summary>Where the courier collects the goods, one line per line (courier pickup only).</summary>
    public string? PickupAddress { get; private set; }

    /// <summary>The parcel locker the goods are posted from, upper-cased (parcel locker only).</summary>
    public string? ParcelLockerId { get; private set; }

    /// <summary>The supplier the claim is made to (supplier registers).</summary>
    public long? SupplierId { get; private set; }

    public string? Description { get; private set; }

    public string Status { get; private set; } = "";

    public ClaimDecision Decision { get; private set; }

    public string? AssigneeId { get; private set; }

    public Priority Priority { get; private set; } = Priority.Normal;

    public DateTime ReceivedAt { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>Whose law governs the statutory deadlines (DOMAIN-RULES); fixed when the deadlines are first computed.</summary>
    public Deadlines.Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>When the contract was made, if known: chooses the version of a statutory rule (else the lines' purchase date).</summary>
    public DateOnly? ContractDate { get; private set; }

    /// <summary>When the goods reached the company; starts PL-GUAR.</summary>
    public DateTime? GoodsReceivedAt { get; private set; }

    /// <summary>The first public message to the claimant; meets an SLA first-response target.</summary>
    public DateTime? FirstResponseAt { get; private set; }

    /// <summary>The earliest due time among the claim's running deadlines, kept for sorting lists by it.</summary>
    public DateTime? NextDueAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The sum of the lines' values (quantity × unit price).</summary>
    public decimal Value { get; private set; }

    public bool IsDeleted { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    /// <summary>Optimistic concurrency: two people changing one claim at once cannot both win silently.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ClaimLine> Lines => _lines;

    /// <summary>The values of the register's custom fields (issue 7); a field without a value has no row.</summary>
    public IReadOnlyList<ClaimCustomValue> CustomValues => _customValues;

    /// <summary>The claim decision follows from the lines (DESIGN §2).</summary>
    public static ClaimDecision Derive(IEnumerable<LineDecision> lines)
    {
        var decisions = lines.ToList();
        if (decisions.Count == 0 || decisions.Contains(LineDecision.Pending))
        {
            return ClaimDecision.Pending;
        }

        return decisions.All(d => d == LineDecision.Accepted) ? ClaimDecision.Accepted
            : decisions.All(d => d == LineDecision.Rejected) ? ClaimDecision.Rejected
            : ClaimDecision.PartiallyAccepted;
    }

    /// <summary>Fixes whose law governs the statutory deadlines, the first time they are computed; returns it.</summary>
    public Deadlines.Jurisdiction FixJurisdiction(Deadlines.Jurisdiction jurisdiction) => Jurisdiction ??= jurisdiction;

    /// <summary>
    /// Takes in the deadlines as they were recomputed: <paramref name="changes"/> are what moved (each raises
    /// <see cref="DeadlineChanged"/>), <paramref name="nextDueAt"/> the earliest running due time now.
    /// </summary>
    public void DeadlinesChanged(IReadOnlyList<Deadlines.DeadlineChange> changes, DateTime? nextDueAt)
    {
        NextDueAt = nextDueAt;
        _events.AddRange(changes.Select(c => new DeadlineChanged(c)));
    }

    /// <summary>
    /// A message was added to the claim's thread (saved, with its id). The first one staff send the claimant is the
    /// claim's first response (<see cref="FirstResponseAt"/>), which meets an SLA first-response target.
    /// </summary>
    public void MessageAdded(long messageId, string kind, bool toClaimant, string text, DateTime at)
    {
        var first = toClaimant && FirstResponseAt is null;
        if (first)
        {
            FirstResponseAt = at;
        }

        _events.Add(new MessagePosted(messageId, kind, text, first));
    }

    /// <summary>
    /// Moves the claim along its register's workflow. Refuses what the workflow lacks, what the actor's roles do not
    /// allow, a change of a final decision by anyone but a manager or administrator, and missing required fields.
    /// Entering a decision status decides the lines still pending: accepted for <c>accepted</c>, rejected with the
    /// reason for <c>rejected</c>; line decisions sent along are applied first.
    /// </summary>
    public ClaimOutcome MoveTo(Workflow workflow, string to, TransitionInput input, Actor actor, DateTime now, ChangeLog log,
        IReadOnlyCollection<CustomFieldDefinition>? customFields = null)
    {
        var from = Status;
        if (to == from)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, "to", "The claim is already in status {0}.", to);
        }

        var transition = workflow.Transition(from, to);
        if (transition is null)
        {
            var allowed = workflow.From(from).Select(t => t.ToStatus).ToList();
            return new ClaimOutcome(Refusal.NotInWorkflow, "to",
                "The workflow has no transition from {0} to {1}. Allowed: {2}.",
                [from, to, allowed.Count == 0 ? "-" : string.Join(", ", allowed)], allowed);
        }

        if (!transition.AllowedRoles.Any(actor.Roles.Contains))
        {
            return new ClaimOutcome(Refusal.Forbidden, "to", "Your role may not move a claim from {0} to {1}; allowed for: {2}.",
                [from, to, string.Join(", ", transition.AllowedRoles)], transition.AllowedRoles);
        }

        var target = workflow.Status(to)!;
        var decisionMade = workflow.Status(from)?.Decision is StatusDecision.Accepted or StatusDecision.Rejected;
        if (decisionMade && target.Decision != StatusDecision.None && !actor.MayChangeFinalDecision)
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, "to", "Only a manager or an administrator may change a final decision.");
        }

        foreach (var field in transition.RequiredFields.Where(f => string.IsNullOrWhiteSpace(input.Value(f))))
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, field, "The transition to {0} needs the field '{1}'.", to, field);
        }

        foreach (var field in (customFields ?? []).Where(f => f.IsRequiredFor(from, to)).OrderBy(f => f.SortOrder))
        {
            if (CustomValues.All(v => v.FieldId != field.Id))
            {
                return ClaimOutcome.Refuse(Refusal.Invalid, $"customFields.{field.Code}",
                    "Fill in '{1}' before moving the claim to {0}.", to, field.Label);
            }
        }

        var decisions = ActiveLines.ToDictionary(l => l.LineNo, l => (l.Decision, l.DecisionReason));
        foreach (var line in input.Lines)
        {
            if (decisionMade && !actor.MayChangeFinalDecision)
            {
                return ClaimOutcome.Refuse(Refusal.Forbidden, "lines", "Only a manager or an administrator may change a final decision.");
            }

            var check = CheckLineDecision(line.LineNo, line.Decision, line.Reason);
            if (!check.Succeeded)
            {
                return check;
            }

            decisions[line.LineNo] = (line.Decision, line.Reason?.Trim());
        }

        var reason = input.Value(WorkflowTransition.ReasonField)?.Trim();
        if (target.Decision == StatusDecision.Accepted)
        {
            foreach (var pending in decisions.Where(d => d.Value.Decision == LineDecision.Pending).ToList())
            {
                decisions[pending.Key] = (LineDecision.Accepted, null);
            }

            if (!decisions.Values.Any(d => d.Decision == LineDecision.Accepted))
            {
                return ClaimOutcome.Refuse(Refusal.Invalid, "lines",
                    "Every line is rejected: accept at least one line, or move the claim to a rejecting status.");
            }
        }
        else if (target.Decision == StatusDecision.Rejected)
        {
            var accepted = decisions.Where(d => d.Value.Decision == LineDecision.Accepted).Select(d => d.Key).ToList();
            if (accepted.Count > 0)
            {
                return ClaimOutcome.Refuse(Refusal.Invalid, "lines",
                    "Line {0} is accepted: reject it first, or accept the claim partially.", accepted[0]);
            }

            foreach (var pending in decisions.Where(d => d.Value.Decision == LineDecision.Pending).ToList())
            {
                if (string.IsNullOrWhiteSpace(reason))
                {
                    return ClaimOutcome.Refuse(Refusal.Invalid, "reason", "A rejection needs a reason on every rejected line.");
                }

                decisions[pending.Key] = (LineDecision.Rejected, reason);
            }
        }

        foreach (var line in ActiveLines)
        {
            var (decision, lineReason) = decisions[line.LineNo];
            ApplyLineDecision(line, decision, lineReason, now, log);
        }

        UpdateDecision(log);
        log.Add(new Change(EntityType, IdText, "status_changed", "status", from, to));
        if (!string.IsNullOrWhiteSpace(reason))
        {
            log.Add(new Change(EntityType, IdText, "status_changed", "reason", null, reason));
        }

        var comment = input.Value(WorkflowTransition.CommentField)?.Trim();
        if (!string.IsNullOrWhiteSpace(comment))
        {
            log.Add(new Change(EntityType, IdText, "status_changed", "comment", null, comment));
        }

        Status = to;
        if (target.Decision != StatusDecision.None)
        {
            DecidedAt = now;
        }

        if (target.Role == StatusRole.Resolved)
        {
            ResolvedAt = now;
        }

        // The goods are in once the claim enters the status of goods received, or leaves the one of waiting for them
        // to be worked on.
        if (GoodsReceivedAt is null && (target.Role == StatusRole.GoodsReceived
            || (workflow.Status(from)?.Role == StatusRole.WaitingForGoods && target.Category == StatusCategory.Open)))
        {
            GoodsReceivedAt = now;
        }

        ClosedAt = target.Category == StatusCategory.Closed ? now : null;
        _events.Add(workflow.Status(from)?.Role == StatusRole.AwaitingConfirmation ? new ClaimBecameVisible() : new ClaimStatusChanged(from, to));
        if (target.Category == StatusCategory.Closed && workflow.Status(from)?.Category != StatusCategory.Closed)
        {
            _events.Add(new ClaimClosed());
        }

        Touch(now);
        return ClaimOutcome.Done;
    }

    /// <summary>
    /// Decides one line. A rejection needs a reason. Once the claim carries a final decision only a manager or an
    /// administrator may change a line's decision; a closed claim's lines are not changed at all.
    /// </summary>
    public ClaimOutcome DecideLine(Workflow workflow, int lineNo, LineDecision decision, string? reason, Actor actor, DateTime now, ChangeLog log)
    {
        var status = workflow.Status(Status);
        if (status?.Category == StatusCategory.Closed)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, "lineNo", "The claim is closed; its decisions can no longer change.");
        }

        if (status?.Decision is StatusDecision.Accepted or StatusDecision.Rejected && !actor.MayChangeFinalDecision)
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, "decision", "Only a manager or an administrator may change a final decision.");
        }

        var check = CheckLineDecision(lineNo, decision, reason);
        if (!check.Succeeded)
        {
            return check;
        }

        ApplyLineDecision(Lines.Single(l => l.LineNo == lineNo), decision, reason?.Trim(), now, log);
        UpdateDecision(log);
        Touch(now);
        return ClaimOutcome.Done;
    }

    /// <summary>
    /// Gives the claim to a staff member (or to nobody). Managers and administrators assign anyone; others may only
    /// take the claim themselves or give back one that is theirs. The history records the names.
    /// </summary>
    public ClaimOutcome Assign(string? assigneeId, string? assigneeName, string? previousName, Actor actor, DateTime now, ChangeLog log)
    {
        if (assigneeId == AssigneeId)
        {
            return ClaimOutcome.Done;
        }

        var mayAssignAnyone = actor.MayChangeFinalDecision;
        var takesItself = assigneeId is not null && assigneeId == actor.Id;
        var givesBackOwn = assigneeId is null && AssigneeId == actor.Id;
        if (!mayAssignAnyone && !takesItself && !givesBackOwn)
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, "assignee", "Only a manager or an administrator may assign a claim to someone else.");
        }

        log.Add(new Change(EntityType, IdText, "assigned", "assignee", previousName, assigneeName));
        _events.Add(new ClaimAssigned(assigneeId, AssigneeId, actor));
        AssigneeId = assigneeId;
        Touch(now);
        return ClaimOutcome.Done;
    }

    /// <summary>Only an administrator deletes, and only softly: the claim stays in the database, marked and audited.</summary>
    public ClaimOutcome Delete(Actor actor, DateTime now, ChangeLog log)
    {
        if (!actor.MayDelete)
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, null, "Only an administrator may delete a claim.");
        }

        if (IsDeleted)
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, null, "The claim does not exist.");
        }

        IsDeleted = true;
        DeletedAt = now;
        log.Add(new Change(EntityType, IdText, "deleted", "deleted", "no", "yes"));
        _events.Add(new ClaimDeleted());
        Touch(now);
        return ClaimOutcome.Done;
    }

    private ClaimOutcome CheckLineDecision(int lineNo, LineDecision decision, string? reason)
    {
        if (Lines.All(l => l.LineNo != lineNo))
        {
            return ClaimOutcome.Refuse(Refusal.NotFound, "lineNo", "The claim has no line {0}.", lineNo);
        }

        if (Lines.Single(l => l.LineNo == lineNo).WithdrawnAt is not null)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, "lineNo", "Item {0} is withdrawn; it can no longer change.", lineNo);
        }

        if (decision == LineDecision.Pending)
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "decision", "A decision is accepted or rejected.");
        }

        if (decision == LineDecision.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "reason", "A rejection needs a reason on every rejected line.");
        }

        return reason is { Length: > ClaimLimits.Reason }
            ? ClaimOutcome.Refuse(Refusal.Invalid, "reason", "At most {0} characters.", ClaimLimits.Reason)
            : ClaimOutcome.Done;
    }

    private void ApplyLineDecision(ClaimLine line, LineDecision decision, string? reason, DateTime now, ChangeLog log)
    {
        reason = decision == LineDecision.Rejected ? reason : null;
        if (line.Decision == decision && line.DecisionReason == reason)
        {
            return;
        }

        log.Add(new Change(LineEntityType, IdText, "decided", $"line {line.LineNo} decision", Codes.Of(line.Decision), Codes.Of(decision)));
        if (reason is not null || line.DecisionReason is not null)
        {
            log.Field(LineEntityType, IdText, $"line {line.LineNo} reason", line.DecisionReason, reason);
        }

        line.Decision = decision;
        line.DecisionReason = reason;
        line.DecidedAt = now;
        if (decision != LineDecision.Pending)
        {
            _events.Add(new LineDecided(line.LineNo, decision));
        }
    }

    private void UpdateDecision(ChangeLog log)
    {
        var derived = Derive(ActiveLines.Select(l => l.Decision));
        log.Field(EntityType, IdText, "decision", Codes.Of(Decision), Codes.Of(derived));
        if (derived != Decision && derived != ClaimDecision.Pending)
        {
            _events.Add(new ClaimDecided(derived));
        }

        Decision = derived;
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    private string IdText => Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a transition request carries besides its target: field values and line decisions.</summary>
public sealed record TransitionInput(IReadOnlyDictionary<string, string?> Fields, IReadOnlyList<LineDecisionInput> Lines)
{
    public static TransitionInput Empty { get; } = new(new Dictionary<string, string?>(), []);

    public string? Value(string field) => Fields.TryGetValue(field, out var value) ? value : null;
}

public sealed record LineDecisionInput(int LineNo, LineDecision Decision, string? Reason);
