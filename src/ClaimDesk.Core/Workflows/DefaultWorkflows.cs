using ClaimDesk.Core.Common;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;

namespace ClaimDesk.Core.Workflows;

/// <summary>
/// The registers a new installation starts with (DESIGN §2): <c>complaints</c>, <c>supplier</c>, <c>presale</c> and
/// <c>service</c>, each with its numbering pattern and default workflow. Administrators change them afterwards.
/// </summary>
public static class DefaultWorkflows
{
    private static readonly string[] Deciders = [StaffRole.Administrator, StaffRole.Manager, StaffRole.Operator];
    private static readonly string[] Everyone = [.. StaffRole.Staff];
    private static readonly string[] Managers = [StaffRole.Administrator, StaffRole.Manager];

    private sealed record StatusDefinition(
        StatusCategory Category, StatusDecision Decision, LocalizedText Staff, LocalizedText Customer, bool Hidden = false,
        StatusRole Role = StatusRole.None);

    private static readonly Dictionary<string, StatusDefinition> Definitions = new()
    {
        ["unconfirmed"] = new(StatusCategory.Waiting, StatusDecision.None,
            new("Unconfirmed", "Niepotwierdzona", "Nepotvrzená"),
            new("Awaiting your confirmation", "Oczekuje na potwierdzenie", "Čeká na vaše potvrzení"), Hidden: true,
            Role: StatusRole.AwaitingConfirmation),
        ["new"] = new(StatusCategory.Open, StatusDecision.None,
            new("New", "Nowa", "Nová"), new("Received", "Przyjęta", "Přijatá")),
        ["in_review"] = new(StatusCategory.Open, StatusDecision.None,
            new("In review", "W weryfikacji", "V posouzení"), new("Being reviewed", "W trakcie rozpatrywania", "Posuzuje se")),
        ["waiting_for_customer"] = new(StatusCategory.Waiting, StatusDecision.None,
            new("Waiting for customer", "Oczekuje na klienta", "Čeká na zákazníka"),
            new("Waiting for your reply", "Czekamy na Twoją odpowiedź", "Čekáme na vaši odpověď")),
        ["waiting_for_goods"] = new(StatusCategory.Waiting, StatusDecision.None,
            new("Waiting for goods", "Oczekuje na towar", "Čeká na zboží"),
            new("Waiting for the goods", "Czekamy na towar", "Čekáme na zboží"), Role: StatusRole.WaitingForGoods),
        ["in_diagnosis"] = new(StatusCategory.Open, StatusDecision.None,
            new("In diagnosis", "W diagnozie", "V diagnostice"), new("Being inspected", "Towar w ekspertyzie", "Zboží se posuzuje")),
        ["at_supplier"] = new(StatusCategory.Open, StatusDecision.None,
            new("At supplier", "U dostawcy", "U dodavatele"), new("Being inspected", "Towar w ekspertyzie", "Zboží se posuzuje")),
        ["sent_to_supplier"] = new(StatusCategory.Waiting, StatusDecision.None,
            new("Sent to supplier", "Wysłana do dostawcy", "Odeslána dodavateli"), new("Sent to supplier", "Wysłana do dostawcy", "Odeslána dodavateli")),
        ["accepted"] = new(StatusCategory.Open, StatusDecision.Accepted,
            new("Accepted", "Uznana", "Uznaná"), new("Accepted", "Uznana", "Uznaná")),
        ["rejected"] = new(StatusCategory.Open, StatusDecision.Rejected,
            new("Rejected", "Odrzucona", "Zamítnutá"), new("Rejected", "Odrzucona", "Zamítnutá")),
        ["in_resolution"] = new(StatusCategory.Open, StatusDecision.None,
            new("In resolution", "W realizacji", "Vyřizuje se"), new("Being resolved", "W realizacji", "Vyřizuje se")),
        ["resolved"] = new(StatusCategory.Closed, StatusDecision.None,
            new("Resolved", "Zrealizowana", "Vyřízená"), new("Resolved", "Zrealizowana", "Vyřízená"), Role: StatusRole.Resolved),
        ["closed"] = new(StatusCategory.Closed, StatusDecision.None,
            new("Closed", "Zamknięta", "Uzavřená"), new("Closed", "Zamknięta", "Uzavřená")),
        ["cancelled"] = new(StatusCategory.Closed, StatusDecision.None,
            new("Cancelled", "Anulowana", "Zrušená"), new("Cancelled", "Anulowana", "Zrušená")),
    };

    /// <summary>The kind of claim document a transition into the resolved status of the default complaints workflow sends.</summary>
    public const string ClosingProtocolDocument = "closing_protocol";

    public static IReadOnlyList<Register> Create() =>
    [
        Build("complaints", RegisterKind.Complaints, new("Customer complaints", "Reklamacje klientów", "Reklamace zákazníků"),
            "RMA-{yyyy}-{seq:000000}",
            ["new", "unconfirmed"],
            ["unconfirmed", "new", "in_review", "waiting_for_customer", "waiting_for_goods", "in_diagnosis", "at_supplier",
             "accepted", "rejected", "in_resolution", "resolved", "closed", "cancelled"],
            [
                ("unconfirmed", "new", Deciders, []),
                ("new", "in_review", Everyone, []),
                ("new", "waiting_for_customer", Deciders, []),
                ("new", "waiting_for_goods", Deciders, []),
                ("new", "in_diagnosis", Everyone, []),
                ("new", "accepted", Deciders, []),
                ("new", "rejected", Deciders, [WorkflowTransition.ReasonField]),
                ("in_review", "waiting_for_customer", Deciders, []),
                ("in_review", "waiting_for_goods", Deciders, []),
                ("in_review", "in_diagnosis", Everyone, []),
                ("in_review", "at_supplier", Deciders, []),
                ("in_review", "accepted", Deciders, []),
                ("in_review", "rejected", Deciders, [WorkflowTransition.ReasonField]),
                ("waiting_for_customer", "in_review", Everyone, []),
                ("waiting_for_goods", "in_review", Everyone, []),
                ("waiting_for_goods", "in_diagnosis", Everyone, []),
                ("in_diagnosis", "waiting_for_customer", Everyone, []),
                ("in_diagnosis", "at_supplier", Everyone, []),
                ("in_diagnosis", "accepted", Deciders, []),
                ("in_diagnosis", "rejected", Deciders, [WorkflowTransition.ReasonField]),
                ("at_supplier", "in_diagnosis", Everyone, []),
                ("at_supplier", "accepted", Deciders, []),
                ("at_supplier", "rejected", Deciders, [WorkflowTransition.ReasonField]),
                ("accepted", "in_resolution", Everyone, []),
                ("accepted", "rejected", Managers, [WorkflowTransition.ReasonField]),
                ("rejected", "accepted", Managers, [WorkflowTransition.ReasonField]),
                ("rejected", "closed", Deciders, []),
                ("in_resolution", "resolved", Everyone, []),
                ("resolved", "closed", Deciders, []),
                .. Cancellable("unconfirmed", "new", "in_review", "waiting_for_customer", "waiting_for_goods", "in_diagnosis", "at_supplier"),
            ]),
        Build("supplier", RegisterKind.Supplier, new("Supplier claims", "Reklamacje do dostawców", "Reklamace dodavatelům"),
            "SUP-{yyyy}-{seq:00000}",
            ["new"],
            ["new", "sent_to_supplier", "accepted", "rejected", "closed", "cancelled"],
            [
                ("new", "sent_to_supplier", Deciders, []),
                ("sent_to_supplier", "accepted", Deciders, []),
                ("sent_to_supplier", "rejected", Deciders, [WorkflowTransition.ReasonField]),
                ("rejected", "accepted", Managers, [WorkflowTransition.ReasonField]),
                ("accepted", "closed", Deciders, []),
                ("rejected", "closed", Deciders, []),
                .. Cancellable("new", "sent_to_supplier"),
            ]),
        Build("presale", RegisterKind.Presale, new("Pre-sale defects", "Wady przedsprzedażowe", "Předprodejní vady"),
            "PRE-{yyyy}-{seq:00000}",
            ["new"],
            ["new", "in_diagnosis", "accepted", "rejected", "closed", "cancelled"],
            [
                ("new", "in_diagnosis", Everyone, []),
                ("in_diagnosis", "accepted", Deciders, []),
                ("in_diagnosis", "rejected", Deciders, [WorkflowTransition.ReasonField]),
                ("rejected", "accepted", Managers, [WorkflowTransition.ReasonField]),
                ("accepted", "closed", Everyone, []),
                ("rejected", "closed", Everyone, []),
                .. Cancellable("new", "in_diagnosis"),
            ]),
        Build("service", RegisterKind.Service, new("Paid repairs", "Naprawy odpłatne", "Placené opravy"),
            "SRV-{yyyy}-{seq:00000}",
            ["new"],
            ["new", "waiting_for_goods", "in_diagnosis", "waiting_for_customer", "in_resolution", "resolved", "closed", "cancelled"],
            [
                ("new", "waiting_for_goods", Deciders, []),
                ("new", "in_diagnosis", Everyone, []),
                ("waiting_for_goods", "in_diagnosis", Everyone, []),
                ("in_diagnosis", "waiting_for_customer", Everyone, []),
                ("waiting_for_customer", "in_resolution", Deciders, []),
                ("in_resolution", "resolved", Everyone, []),
                ("resolved", "closed", Deciders, []),
                .. Cancellable("new", "waiting_for_goods", "in_diagnosis", "waiting_for_customer"),
            ]),
    ];

    private static IEnumerable<(string, string, string[], string[])> Cancellable(params string[] from) =>
        from.Select(status => (status, "cancelled", Deciders, new[] { WorkflowTransition.ReasonField }));

    private static Register Build(string code, RegisterKind kind, LocalizedText name, string pattern, string[] initial,
        string[] statuses, IEnumerable<(string From, string To, string[] Roles, string[] Fields)> transitions) => new()
    {
        Code = code,
        Kind = kind,
        Name = name,
        NumberingPattern = pattern,
        AcknowledgesIntake = kind == RegisterKind.Complaints,
        Statuses = [.. statuses.Select((status, order) =>
        {
            var definition = Definitions[status];
            return new WorkflowStatus
            {
                Code = status,
                Category = definition.Category,
                Decision = definition.Decision,
                StaffLabel = definition.Staff,
                CustomerLabel = definition.Customer,
                IsInitial = initial.Contains(status),
                HiddenFromQueues = definition.Hidden,
                SlaClockRuns = definition.Category == StatusCategory.Open,
                Role = definition.Role,
                SortOrder = order,
            };
        })],
        Transitions = [.. transitions.Select(t => new WorkflowTransition
        {
            FromStatus = t.From,
            ToStatus = t.To,
            AllowedRoles = [.. t.Roles],
            RequiredFields = [.. t.Fields],
            // A customer complaint's move to resolved e-mails the claimant the closing protocol (CZ-CONS-CLOSE).
            EffectDocuments = kind == RegisterKind.Complaints && Definitions[t.To].Role == StatusRole.Resolved ? [ClosingProtocolDocument] : [],
        })],
    };
}
