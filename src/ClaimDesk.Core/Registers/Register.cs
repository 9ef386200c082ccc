using ClaimDesk.Core.Common;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Registers;

/// <summary>What a register holds: customer complaints, claims to suppliers, pre-sale defects or paid repairs.</summary>
public enum RegisterKind { Complaints, Supplier, Presale, Service }

/// <summary>A book of claims with its own numbering and workflow (rejestr, DESIGN §2).</summary>
public sealed class Register
{
    public int Id { get; set; }

    public string Code { get; set; } = "";

    public RegisterKind Kind { get; set; }

    public LocalizedText Name { get; set; } = new("", "", "");

    public string NumberingPattern { get; set; } = NumberPattern.Default;

    /// <summary>
    /// Whether a claim recorded by staff, through the API or in the portal e-mails the claimant its number, a tracking
    /// link and the written intake confirmation (CZ-CONS-CONFIRM), as web intake does; on for <c>complaints</c>.
    /// </summary>
    public bool AcknowledgesIntake { get; set; }

    public List<WorkflowStatus> Statuses { get; set; } = [];

    public List<WorkflowTransition> Transitions { get; set; } = [];

    /// <summary>The fields administrators added to this register's claims, in their order.</summary>
    public List<CustomFields.CustomFieldDefinition> CustomFields { get; set; } = [];

    public Workflow Workflow => new([.. Statuses.OrderBy(s => s.SortOrder)], Transitions);
}
