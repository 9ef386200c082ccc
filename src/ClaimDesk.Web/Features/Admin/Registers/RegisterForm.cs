using System.ComponentModel.DataAnnotations;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>
/// A register's names, numbering pattern and workflow as an administrator types them. Everything is text as posted,
/// so a refused form comes back exactly as typed; <see cref="RegisterAdministration"/> turns it into a workflow.
/// </summary>
public sealed class RegisterForm
{
    /// <summary>What the register looked like when the form was opened, to notice someone else's save meanwhile.</summary>
    public string? Fingerprint { get; set; }

    public string? NameEn { get; set; }

    public string? NamePl { get; set; }

    public string? NameCs { get; set; }

    public string? NumberingPattern { get; set; }

    /// <summary>Claims recorded by staff, the API or the portal e-mail the claimant the acknowledgement with the confirmation PDF.</summary>
    public bool AcknowledgesIntake { get; set; }

    public List<StatusRow> Statuses { get; set; } = [];

    public List<TransitionRow> Transitions { get; set; } = [];

    /// <summary>The status codes the transition lists offer: the codes typed, in the order of the rows.</summary>
    public IReadOnlyList<string> StatusCodes =>
        [.. Statuses.Select(s => s.Code?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];
}

/// <summary>One row of the status table.</summary>
public sealed class StatusRow
{
    /// <summary>The code the status had in the database; empty for a row added in this form. A different code is a rename.</summary>
    public string? OriginalCode { get; set; }

    public string? Code { get; set; }

    public string? Category { get; set; }

    public string? Decision { get; set; }

    public string? StaffLabelEn { get; set; }

    public string? StaffLabelPl { get; set; }

    public string? StaffLabelCs { get; set; }

    public string? CustomerLabelEn { get; set; }

    public string? CustomerLabelPl { get; set; }

    public string? CustomerLabelCs { get; set; }

    public bool IsInitial { get; set; }

    public bool SlaClockRuns { get; set; }

    public bool HiddenFromQueues { get; set; }

    /// <summary>A <see cref="Core.Workflows.StatusRole"/> code; <c>none</c> for most statuses.</summary>
    public string? Role { get; set; } = "none";

    public string? SortOrder { get; set; }

    public bool Remove { get; set; }

    /// <summary>A row added with "Add status" and left empty; saving ignores it.</summary>
    public bool IsBlank =>
        string.IsNullOrWhiteSpace(OriginalCode) && string.IsNullOrWhiteSpace(Code)
        && string.IsNullOrWhiteSpace(StaffLabelEn) && string.IsNullOrWhiteSpace(StaffLabelPl) && string.IsNullOrWhiteSpace(StaffLabelCs)
        && string.IsNullOrWhiteSpace(CustomerLabelEn) && string.IsNullOrWhiteSpace(CustomerLabelPl) && string.IsNullOrWhiteSpace(CustomerLabelCs);
}

/// <summary>One row of the transition table.</summary>
public sealed class TransitionRow
{
    public string? From { get; set; }

    public string? To { get; set; }

    public List<string> AllowedRoles { get; set; } = [];

    public List<string> RequiredFields { get; set; } = [];

    /// <summary>The kinds of document the transition makes and e-mails to the claimant.</summary>
    public List<string> EffectDocuments { get; set; } = [];

    public bool Remove { get; set; }

    /// <summary>A row added with "Add transition" and no status chosen; saving ignores it.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To);
}

/// <summary>A register to create: its code, kind, names and numbering; it starts with the default workflow of its kind.</summary>
public sealed class NewRegisterForm
{
    [Display(Name = "Code")]
    public string? Code { get; set; }

    /// <summary>A <see cref="Core.Registers.RegisterKind"/> code.</summary>
    [Display(Name = "Register kind")]
    public string? Kind { get; set; } = Core.Common.Codes.Of(Core.Registers.RegisterKind.Complaints);

    [Display(Name = "Name in English")]
    public string? NameEn { get; set; }

    [Display(Name = "Name in Polish")]
    public string? NamePl { get; set; }

    [Display(Name = "Name in Czech")]
    public string? NameCs { get; set; }

    [Display(Name = "Numbering pattern")]
    public string? NumberingPattern { get; set; }
}
