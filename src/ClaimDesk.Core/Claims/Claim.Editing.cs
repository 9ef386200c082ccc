using System.Globalization;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;

namespace ClaimDesk.Core.Claims;

/// <summary>
/// What staff correct of a claim after intake, as typed: a part left null stays as it is, so the API may send only what
/// changes. Text sent empty clears an optional field.
/// </summary>
public sealed record ClaimEditInput
{
    public ContactInput? Contact { get; init; }

    /// <summary>The master-data code of the customer the claim is to name instead.</summary>
    public string? CustomerCode { get; init; }

    public string? Category { get; init; }
    public string? Priority { get; init; }
    public string? LegalBasis { get; init; }
    public string? Description { get; init; }

    /// <summary>Changes of existing items; a field left null keeps its value.</summary>
    public IReadOnlyList<LineEditInput>? Lines { get; init; }

    /// <summary>Items to add.</summary>
    public IReadOnlyList<ClaimLineInput>? NewLines { get; init; }

    /// <summary>The numbers of the items to withdraw.</summary>
    public IReadOnlyList<int>? Withdraw { get; init; }
}

/// <summary>A change of item <paramref name="LineNo"/>.</summary>
public sealed record LineEditInput(int LineNo, ClaimLineInput Line);

/// <summary>
/// A checked edit: the claim's facts as they are to be (<see cref="Claim"/>, from the intake's validator), the items
/// changed, added (maybe filled from master data afterwards) and withdrawn.
/// </summary>
public sealed record ClaimEditDraft(
    ClaimDraft Claim, IReadOnlyList<(int LineNo, ClaimLineDraft Line)> Changed, IReadOnlyList<ClaimLineDraft> Added,
    IReadOnlyList<int> Withdrawn)
{
    /// <summary>The customer code typed, when it differs from the claim's customer's: the caller finds it in master data.</summary>
    public string? NewCustomerCode { get; init; }
}

/// <summary>
/// Checks an edit with the intake's own rules (<see cref="ClaimValidator"/>): the claim as it would be after the edit is
/// validated as a whole, so what a new claim may not hold an edited one may not either.
/// </summary>
public static class ClaimEditValidator
{
    /// <summary>
    /// Field errors name <c>contact.email</c>, <c>category</c> …, <c>items[2].quantity</c> for item 2 and
    /// <c>newLines[0].productName</c> for the first item added.
    /// </summary>
    public static (ClaimEditDraft? Draft, IReadOnlyList<FieldError> Errors) Validate(
        Claim claim, RegisterKind registerKind, string? customerCode, ClaimEditInput? edit, DateOnly today)
    {
        if (edit is null)
        {
            return (null, [new FieldError("body", "The request has no change in it.")]);
        }

        var errors = new List<FieldError>();
        var withdrawn = (edit.Withdraw ?? []).Distinct().ToList();
        var changes = new Dictionary<int, ClaimLineInput>();
        foreach (var change in edit.Lines ?? [])
        {
            if (claim.Lines.All(l => l.LineNo != change.LineNo))
            {
                errors.Add(new FieldError($"items[{change.LineNo}]", "The claim has no line {0}.", change.LineNo));
            }
            else
            {
                changes[change.LineNo] = change.Line ?? new ClaimLineInput();
            }
        }

        foreach (var lineNo in withdrawn.Where(n => claim.Lines.All(l => l.LineNo != n)))
        {
            errors.Add(new FieldError($"items[{lineNo}]", "The claim has no line {0}.", lineNo));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // The items checked: those that stay (as changed), then those added; the positions map the errors back.
        var kept = claim.Lines.Where(l => l.WithdrawnAt is null && !withdrawn.Contains(l.LineNo)).OrderBy(l => l.LineNo).ToList();
        var added = edit.NewLines ?? [];
        var contact = edit.Contact ?? new ContactInput();
        var input = new ClaimInput
        {
            Register = "",
            Channel = Codes.Of(claim.Channel),
            Customer = new CustomerInput { Code = customerCode, Name = claim.Customer?.Name ?? claim.ContactName },
            Contact = new ContactInput
            {
                Name = contact.Name ?? claim.ContactName,
                Email = contact.Email ?? claim.ContactEmail,
                Phone = contact.Phone ?? claim.ContactPhone,
                Language = contact.Language ?? claim.ContactLanguage,
                PreferredChannel = contact.PreferredChannel ?? Codes.Of(claim.PreferredChannel),
            },
            CustomerType = Codes.Of(claim.CustomerType),
            LegalBasis = edit.LegalBasis ?? Codes.Of(claim.LegalBasis),
            Category = edit.Category ?? Codes.Of(claim.Category),
            RequestedRemedy = Codes.Of(claim.RequestedRemedy),
            DeliveryMethod = Codes.Of(claim.DeliveryMethod),
            PickupAddress = claim.PickupAddress,
            ParcelLockerId = claim.ParcelLockerId,
            // The supplier is not edited here; the validator only asks that a supplier claim names one.
            Supplier = new SupplierInput { Code = claim.SupplierId?.ToString(CultureInfo.InvariantCulture) },
            Priority = edit.Priority ?? Codes.Of(claim.Priority),
            Description = edit.Description ?? claim.Description,
            Lines = [.. kept.Select(l => Merge(l, changes.GetValueOrDefault(l.LineNo))), .. added],
        };
        if (kept.Count + added.Count == 0)
        {
            return (null, [new FieldError("items", "A claim keeps at least one item that is not withdrawn.")]);
        }

        // Items added may take their product from master data (the caller fills it in); changed ones keep what they hold.
        var (draft, found) = ClaimValidator.Validate(input, today, productFromErp: true, registerKind);
        errors.AddRange(found.Select(e => Path(e, kept)));
        for (var i = 0; draft is not null && i < kept.Count; i++)
        {
            if (changes.ContainsKey(kept[i].LineNo) && string.IsNullOrEmpty(draft.Lines[i].ProductName))
            {
                errors.Add(new FieldError($"items[{kept[i].LineNo}].productName", "This field is required."));
            }
        }

        if (errors.Count > 0 || draft is null)
        {
            return (null, errors);
        }

        var typedCode = string.IsNullOrWhiteSpace(customerCode) ? null : customerCode.Trim();
        return (new ClaimEditDraft(draft,
            [.. kept.Select((l, i) => (l.LineNo, draft.Lines[i])).Where(l => changes.ContainsKey(l.LineNo))],
            [.. draft.Lines.Skip(kept.Count)], withdrawn)
        {
            NewCustomerCode = typedCode is not null && typedCode != claim.Customer?.Code ? typedCode : null,
        }, []);
    }

    private static ClaimLineInput Merge(ClaimLine line, ClaimLineInput? change) => new()
    {
        ProductCode = change?.ProductCode ?? line.ProductCode,
        ProductName = change?.ProductName ?? line.ProductName,
        Ean = change?.Ean ?? line.Ean,
        SerialNumber = change?.SerialNumber ?? line.SerialNumber,
        Quantity = change?.Quantity ?? line.Quantity,
        UnitPrice = change?.UnitPrice ?? line.UnitPrice,
        PurchaseDate = change?.PurchaseDate ?? line.PurchaseDate,
        SalesDocumentNumber = change?.SalesDocumentNumber ?? line.SalesDocumentNumber,
        // Another document typed: its line is the one sent with it, if any, not the old document's.
        SalesDocumentLineNo = change?.SalesDocumentLineNo
            ?? (change?.SalesDocumentNumber is { } document && document != line.SalesDocumentNumber ? null : line.SalesDocumentLineNo),
        FaultDescription = change?.FaultDescription ?? line.FaultDescription,
    };

    /// <summary>The intake's <c>lines[i]</c> as the edit names it: <c>items[lineNo]</c> or <c>newLines[j]</c>.</summary>
    private static FieldError Path(FieldError error, List<ClaimLine> kept)
    {
        if (!error.Field.StartsWith("lines[", StringComparison.Ordinal))
        {
            return error;
        }

        var end = error.Field.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(error.Field[6..end], CultureInfo.InvariantCulture);
        var rest = error.Field[(end + 1)..];
        return error with
        {
            Field = index < kept.Count ? $"items[{kept[index].LineNo}]{rest}" : $"newLines[{index - kept.Count}]{rest}",
        };
    }
}

/// <summary>Corrections after intake: the claim's facts and its items, each change audited field by field.</summary>
public sealed partial class Claim
{
    /// <summary>The items not withdrawn: they make the claim's decision and value.</summary>
    private IEnumerable<ClaimLine> ActiveLines => _lines.Where(l => l.WithdrawnAt is null);

    /// <summary>Refuses a change made on a form or a read of the claim older than its current version.</summary>
    public ClaimOutcome CheckVersion(int? version) =>
        version is { } read && read != Version
            ? ClaimOutcome.Refuse(Refusal.Conflict, "version", "Someone else changed the claim meanwhile. Reload it and try again.")
            : ClaimOutcome.Done;

    /// <summary>
    /// Applies a checked edit. A closed claim is not edited at all; once the claim is in a decision status, changing or
    /// withdrawing an item that has its decision, or adding one (which reopens the decision), is for a manager or an
    /// administrator only. <paramref name="customer"/> is the customer the edit names instead (null: unchanged); the
    /// claim takes its customer type. Every field that changes is audited; nothing changed, nothing is recorded.
    /// </summary>
    public ClaimOutcome Edit(Workflow workflow, ClaimEditDraft edit, Customer? customer, Actor actor, DateTime now, ChangeLog log)
    {
        var status = workflow.Status(Status);
        if (status?.Category == StatusCategory.Closed)
        {
            return ClaimOutcome.Refuse(Refusal.Conflict, null, "The claim is closed; it can no longer be edited.");
        }

        var finalDecision = status?.Decision is StatusDecision.Accepted or StatusDecision.Rejected && !actor.MayChangeFinalDecision;
        foreach (var lineNo in edit.Withdrawn)
        {
            var line = _lines.SingleOrDefault(l => l.LineNo == lineNo);
            if (line is null)
            {
                return ClaimOutcome.Refuse(Refusal.NotFound, "lineNo", "The claim has no line {0}.", lineNo);
            }

            if (line.WithdrawnAt is not null)
            {
                return ClaimOutcome.Refuse(Refusal.Conflict, $"items[{lineNo}]", "Item {0} is withdrawn; it can no longer change.", lineNo);
            }

            if (finalDecision && line.Decision != LineDecision.Pending)
            {
                return ClaimOutcome.Refuse(Refusal.Forbidden, $"items[{lineNo}]",
                    "Item {0} is part of a final decision: only a manager or an administrator may change or withdraw it.", lineNo);
            }
        }

        var lineChanges = new List<(ClaimLine Line, List<(string Field, string? Old, string? New)> Fields, ClaimLineDraft Draft)>();
        foreach (var (lineNo, draft) in edit.Changed)
        {
            var line = _lines.SingleOrDefault(l => l.LineNo == lineNo);
            if (line is null)
            {
                return ClaimOutcome.Refuse(Refusal.NotFound, "lineNo", "The claim has no line {0}.", lineNo);
            }

            var fields = LineDifferences(line, draft);
            if (fields.Count == 0 || edit.Withdrawn.Contains(lineNo))
            {
                continue;
            }

            if (line.WithdrawnAt is not null)
            {
                return ClaimOutcome.Refuse(Refusal.Conflict, $"items[{lineNo}]", "Item {0} is withdrawn; it can no longer change.", lineNo);
            }

            if (finalDecision && line.Decision != LineDecision.Pending)
            {
                return ClaimOutcome.Refuse(Refusal.Forbidden, $"items[{lineNo}]",
                    "Item {0} is part of a final decision: only a manager or an administrator may change or withdraw it.", lineNo);
            }

            lineChanges.Add((line, fields, draft));
        }

        if (edit.Added.Count > 0 && finalDecision)
        {
            return ClaimOutcome.Refuse(Refusal.Forbidden, "newLines",
                "The claim carries a final decision: only a manager or an administrator may add an item to it.");
        }

        if (_lines.Count + edit.Added.Count > ClaimLimits.MaxLines)
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "newLines", "A claim has at most {0} lines.", ClaimLimits.MaxLines);
        }

        if (ActiveLines.Count(l => !edit.Withdrawn.Contains(l.LineNo)) + edit.Added.Count == 0)
        {
            return ClaimOutcome.Refuse(Refusal.Invalid, "items", "A claim keeps at least one item that is not withdrawn.");
        }

        var changed = new List<string>();
        void Field(string entity, string field, string? old, string? value)
        {
            if (!string.Equals(old, value, StringComparison.Ordinal))
            {
                log.Field(entity, IdText, field, old, value);
                changed.Add(field);
            }
        }

        var facts = edit.Claim;
        Field(EntityType, "contact.name", ContactName, facts.ContactName);
        Field(EntityType, "contact.email", ContactEmail, facts.ContactEmail);
        Field(EntityType, "contact.phone", ContactPhone, facts.ContactPhone);
        Field(EntityType, "contact.language", ContactLanguage, facts.ContactLanguage);
        Field(EntityType, "contact.preferredChannel", Codes.Of(PreferredChannel), Codes.Of(facts.PreferredChannel));
        Field(EntityType, "category", Codes.Of(Category), Codes.Of(facts.Category));
        Field(EntityType, "priority", Codes.Of(Priority), Codes.Of(facts.Priority));
        Field(EntityType, "legalBasis", Codes.Of(LegalBasis), Codes.Of(facts.LegalBasis));
        Field(EntityType, "description", Description, facts.Description);
        (ContactName, ContactEmail, ContactPhone, ContactLanguage, PreferredChannel) =
            (facts.ContactName, facts.ContactEmail, facts.ContactPhone, facts.ContactLanguage, facts.PreferredChannel);
        (Category, Priority, LegalBasis, Description) = (facts.Category, facts.Priority, facts.LegalBasis, facts.Description);
        if (customer is not null && customer.Id != CustomerId)
        {
            Field(EntityType, "customer", Customer is { } before ? CustomerLabel(before) : null, CustomerLabel(customer));
            Field(EntityType, "customerType", Codes.Of(CustomerType), Codes.Of(customer.Type));
            AttachCustomer(customer);
            CustomerType = customer.Type;
        }

        foreach (var (line, fields, draft) in lineChanges)
        {
            foreach (var (field, old, value) in fields)
            {
                Field(LineEntityType, $"line {line.LineNo} {field}", old, value);
            }

            line.ProductCode = draft.ProductCode;
            line.ProductName = draft.ProductName;
            line.Ean = draft.Ean;
            line.SerialNumber = draft.SerialNumber;
            line.Quantity = draft.Quantity;
            line.UnitPrice = draft.UnitPrice;
            line.PurchaseDate = draft.PurchaseDate;
            line.SalesDocumentNumber = draft.SalesDocumentNumber;
            line.SalesDocumentLineNo = draft.SalesDocumentLineNo;
            line.FaultDescription = draft.FaultDescription;
        }

        var raised = new List<ClaimEvent>();
        foreach (var lineNo in edit.Withdrawn)
        {
            var line = _lines.Single(l => l.LineNo == lineNo);
            line.WithdrawnAt = now;
            log.Add(new Change(LineEntityType, IdText, "withdrawn", "line", null, line.ReferenceNumber));
            changed.Add($"line {lineNo} withdrawn");
            raised.Add(new LineWithdrawn(lineNo));
        }

        foreach (var draft in edit.Added)
        {
            var lineNo = _lines.Count == 0 ? 1 : _lines.Max(l => l.LineNo) + 1;
            var line = new ClaimLine
            {
                ClaimId = Id,
                LineNo = lineNo,
                ReferenceNumber = NumberPattern.LineReference(Number, lineNo),
                ProductCode = draft.ProductCode,
                ProductName = draft.ProductName,
                Ean = draft.Ean,
                SerialNumber = draft.SerialNumber,
                Quantity = draft.Quantity,
                UnitPrice = draft.UnitPrice,
                PurchaseDate = draft.PurchaseDate,
                SalesDocumentNumber = draft.SalesDocumentNumber,
                SalesDocumentLineNo = draft.SalesDocumentLineNo,
                GoodsIssueNumber = draft.Erp?.GoodsIssueNumber,
                PickedBy = draft.Erp?.PickedBy,
                PackedBy = draft.Erp?.PackedBy,
                Carrier = draft.Erp?.Carrier,
                TrackingNumber = draft.Erp?.TrackingNumber,
                WarrantyEnd = draft.Erp?.WarrantyEnd,
                UnderWarranty = draft.Erp?.UnderWarranty,
                FaultDescription = draft.FaultDescription,
                Decision = LineDecision.Pending,
            };
            _lines.Add(line);
            log.Add(new Change(LineEntityType, IdText, "created", "line", null, line.ReferenceNumber));
            changed.Add($"line {lineNo} added");
            raised.Add(new LineAdded(lineNo));
        }

        if (changed.Count == 0)
        {
            return ClaimOutcome.Done;
        }

        Value = ActiveLines.Sum(l => l.Value);
        _events.AddRange(raised);
        UpdateDecision(log);
        _events.Add(new ClaimEdited(changed));
        Touch(now);
        return ClaimOutcome.Done;
    }

    private static string CustomerLabel(Customer customer) => customer.Code is { } code ? $"{customer.Name} ({code})" : customer.Name;

    private static List<(string Field, string? Old, string? New)> LineDifferences(ClaimLine line, ClaimLineDraft draft)
    {
        List<(string, string?, string?)> all =
        [
            ("productCode", line.ProductCode, draft.ProductCode),
            ("productName", line.ProductName, draft.ProductName),
            ("ean", line.Ean, draft.Ean),
            ("serialNumber", line.SerialNumber, draft.SerialNumber),
            ("quantity", Amount(line.Quantity), Amount(draft.Quantity)),
            ("unitPrice", Amount(line.UnitPrice), Amount(draft.UnitPrice)),
            ("purchaseDate", Day(line.PurchaseDate), Day(draft.PurchaseDate)),
            ("salesDocumentNumber", line.SalesDocumentNumber, draft.SalesDocumentNumber),
            ("faultDescription", line.FaultDescription, draft.FaultDescription),
        ];
        return [.. all.Where(f => !string.Equals(f.Item2, f.Item3, StringComparison.Ordinal))];
    }

    private static string? Amount(decimal? value) => value?.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Day(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
