namespace ClaimDesk.Web.Features.Admin.Sla;

/// <summary>
/// What the SLA policy form posts. Numbers arrive as text, so that a mistyped one comes back as typed with its error.
/// </summary>
public sealed record SlaPolicyForm
{
    public string? Name { get; set; }

    public string? Order { get; set; } = "100";

    public bool IsActive { get; set; } = true;

    public string? CustomerTier { get; set; }

    public string? CustomerCode { get; set; }

    public string? Register { get; set; }

    public string? Category { get; set; }

    public string? LegalBasis { get; set; }

    /// <summary>For claims whose value is above this amount (the organisation's currency); empty: any value.</summary>
    public string? ValueAbove { get; set; }

    /// <summary>For claims whose cost total is above this amount; empty: any.</summary>
    public string? CostTotalAbove { get; set; }

    public string? FirstResponseAmount { get; set; }

    public string? FirstResponseUnit { get; set; } = "calendar_days";

    public string? DecisionAmount { get; set; }

    public string? DecisionUnit { get; set; } = "calendar_days";

    public string? ResolutionAmount { get; set; }

    public string? ResolutionUnit { get; set; } = "calendar_days";

    public string? Calendar { get; set; } = "pl";

    public List<string> PauseStatuses { get; set; } = [];
}
