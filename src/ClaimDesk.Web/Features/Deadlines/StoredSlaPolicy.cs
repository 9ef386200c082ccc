using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;

namespace ClaimDesk.Web.Features.Deadlines;

/// <summary>
/// An SLA policy as administrators keep it (<c>sla_policies</c>): conditions, targets, calendar and pause statuses in
/// columns, turned into the Core <see cref="SlaPolicy"/> the calculator works with.
/// </summary>
public sealed class StoredSlaPolicy
{
    public const string EntityType = "sla_policy";
    public const int NameLength = 60;

    public int Id { get; set; }

    /// <summary>Unique; deadlines carry it in their rule id (<c>sla:VIP:resolution</c>).</summary>
    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;

    public string? CustomerTier { get; set; }

    public long? CustomerId { get; set; }

    public int? RegisterId { get; set; }

    /// <summary>A <see cref="ClaimCategory"/> code.</summary>
    public string? Category { get; set; }

    /// <summary>A <see cref="Core.Claims.LegalBasis"/> code.</summary>
    public string? LegalBasis { get; set; }

    /// <summary>For claims whose value is above this amount (the organisation's currency).</summary>
    public decimal? ValueAbove { get; set; }

    /// <summary>For claims whose cost total is above this amount.</summary>
    public decimal? CostTotalAbove { get; set; }

    public int? FirstResponseAmount { get; set; }

    /// <summary>A <see cref="PeriodUnit"/> code: <c>calendar_days</c>, <c>working_days</c> or <c>hours</c>.</summary>
    public string? FirstResponseUnit { get; set; }

    public int? DecisionAmount { get; set; }

    public string? DecisionUnit { get; set; }

    public int? ResolutionAmount { get; set; }

    public string? ResolutionUnit { get; set; }

    /// <summary>The holidays working days skip: <c>pl</c> or <c>cz</c>.</summary>
    public string Calendar { get; set; } = "pl";

    /// <summary>Status codes that stop the SLA clock.</summary>
    public List<string> PauseStatuses { get; set; } = [];

    public DateTime UpdatedAt { get; set; }

    public SlaPolicy ToPolicy() => new()
    {
        Name = Name,
        Order = SortOrder,
        Conditions = new SlaConditions
        {
            CustomerTier = CustomerTier,
            CustomerId = CustomerId,
            RegisterId = RegisterId,
            Category = Codes.TryParse<ClaimCategory>(Category, out var category) ? category : null,
            LegalBasis = Codes.TryParse<LegalBasis>(LegalBasis, out var basis) ? basis : null,
            ValueAbove = ValueAbove,
            CostTotalAbove = CostTotalAbove,
        },
        FirstResponse = Period(FirstResponseAmount, FirstResponseUnit),
        Decision = Period(DecisionAmount, DecisionUnit),
        Resolution = Period(ResolutionAmount, ResolutionUnit),
        Calendar = Codes.TryParse<Jurisdiction>(Calendar, out var calendar) ? calendar : Jurisdiction.Pl,
        PauseStatuses = PauseStatuses,
    };

    private static DeadlinePeriod? Period(int? amount, string? unit) =>
        amount is { } value && Codes.TryParse<PeriodUnit>(unit, out var parsed) ? new DeadlinePeriod(value, parsed) : null;
}

/// <summary>
/// One deadline of a claim as stored (<c>claim_deadlines</c>), with the markers the scanner sets when it claims an
/// alert, so that however many nodes scan, each alert goes out once.
/// </summary>
public sealed class StoredDeadline
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    public DeadlineKind Kind { get; set; }

    public string RuleId { get; set; } = "";

    public DateTime DueAt { get; set; }

    public DeadlineState State { get; set; }

    /// <summary>When the reminder before the due time was sent (cleared when the due time moves).</summary>
    public DateTime? RemindedAt { get; set; }

    /// <summary>When managers were told of the breach.</summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>When managers were alarmed that a PL consumer claim nears being deemed accepted.</summary>
    public DateTime? AlarmedAt { get; set; }

    public ClaimDeadline ToDeadline() => new(Kind, RuleId, DueAt, State);
}
