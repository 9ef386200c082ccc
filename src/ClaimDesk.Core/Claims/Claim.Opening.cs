using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Registers;

namespace ClaimDesk.Core.Claims;

/// <summary>How a claim is opened: from a validated draft, then numbered, identified and given its customer.</summary>
public sealed partial class Claim
{
    /// <summary>Opens a new claim from a validated draft, numbered, in the register's initial status.</summary>
    public static Claim Open(Register register, ClaimDraft draft, string number, DateTime now)
    {
        var claim = Open(register.Id, register.Workflow.Initial.Code, awaitingConfirmation: false, draft, now);
        claim.Register = register;
        claim.Numbered(number);
        return claim;
    }

    /// <summary>
    /// Opens a new claim in register <paramref name="registerId"/>, in <paramref name="status"/>: the workflow's
    /// initial status, where it is staff's at once (<see cref="ClaimBecameVisible"/>), or, when
    /// <paramref name="awaitingConfirmation"/>, the status in which it waits for its claimant to confirm it. It has
    /// no number until <see cref="Numbered"/>: what follows from its facts can be worked out before the register's
    /// number counter is taken.
    /// </summary>
    public static Claim Open(int registerId, string status, bool awaitingConfirmation, ClaimDraft draft, DateTime now)
    {
        var claim = new Claim
        {
            RegisterId = registerId,
            Channel = draft.Channel,
            ContactName = draft.ContactName,
            ContactEmail = draft.ContactEmail,
            ContactPhone = draft.ContactPhone,
            ContactLanguage = draft.ContactLanguage,
            PreferredChannel = draft.PreferredChannel,
            CustomerType = draft.CustomerType,
            LegalBasis = draft.LegalBasis,
            Category = draft.Category,
            RequestedRemedy = draft.RequestedRemedy,
            DeliveryMethod = draft.DeliveryMethod,
            PickupAddress = draft.PickupAddress,
            ParcelLockerId = draft.ParcelLockerId,
            SupplierId = draft.SupplierId,
            Description = draft.Description,
            Priority = draft.Priority,
            Status = status,
            Decision = ClaimDecision.Pending,
            ReceivedAt = draft.ReceivedAt ?? now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        claim._lines.AddRange(draft.Lines.Select((line, index) => new ClaimLine
        {
            LineNo = index + 1,
            ProductCode = line.ProductCode,
            ProductName = line.ProductName,
            Ean = line.Ean,
            SerialNumber = line.SerialNumber,
            Quantity = line.Quantity,
            UnitPrice = line.UnitPrice,
            PurchaseDate = line.PurchaseDate,
            SalesDocumentNumber = line.SalesDocumentNumber,
            SalesDocumentLineNo = line.SalesDocumentLineNo,
            GoodsIssueNumber = line.Erp?.GoodsIssueNumber,
            PickedBy = line.Erp?.PickedBy,
            PackedBy = line.Erp?.PackedBy,
            Carrier = line.Erp?.Carrier,
            TrackingNumber = line.Erp?.TrackingNumber,
            WarrantyEnd = line.Erp?.WarrantyEnd,
            UnderWarranty = line.Erp?.UnderWarranty,
            FaultDescription = line.FaultDescription,
            Decision = LineDecision.Pending,
        }));
        claim.Value = claim.Lines.Sum(l => l.Value);
        claim._events.Add(new ClaimOpened());
        if (!awaitingConfirmation)
        {
            claim._events.Add(new ClaimBecameVisible());
        }

        return claim;
    }

    /// <summary>
    /// Gives the claim opened the id the database reserved for it, so that it is written in one batch with its lines,
    /// its history and everything else that names it.
    /// </summary>
    public void Identified(long id)
    {
        if (Id != 0 || id <= 0)
        {
            throw new InvalidOperationException($"The claim has the id {Id} already, or {id} is no id.");
        }

        Id = id;
    }

    /// <summary>Gives the claim opened its number, and each line its reference (the number and the line's).</summary>
    public void Numbered(string number)
    {
        if (Number.Length > 0)
        {
            throw new InvalidOperationException($"The claim is numbered already: {Number}.");
        }

        Number = number;
        foreach (var line in _lines)
        {
            line.ReferenceNumber = NumberPattern.LineReference(number, line.LineNo);
        }
    }

    /// <summary>The claimant's customer record (null: none), before the claim is saved or once it is.</summary>
    public void AttachCustomer(Customer? customer)
    {
        Customer = customer;
        CustomerId = customer is { Id: > 0 } ? customer.Id : null;
    }

    /// <summary>
    /// Takes the lines out until the claim's row is saved, so that they are written with what follows it in one batch
    /// (they need its id); <see cref="RestoreLines"/> puts them back.
    /// </summary>
    public IReadOnlyList<ClaimLine> SetLinesAside()
    {
        List<ClaimLine> lines = [.. _lines];
        _lines.Clear();
        return lines;
    }

    /// <summary>Puts back what <see cref="SetLinesAside"/> took, once the claim's row has its id.</summary>
    public void RestoreLines(IReadOnlyList<ClaimLine> lines)
    {
        if (_lines.Count > 0)
        {
            throw new InvalidOperationException("The claim's lines were not set aside.");
        }

        _lines.AddRange(lines);
    }

    /// <summary>The changes that record the claim's creation, once it has its id.</summary>
    public void RecordCreation(ChangeLog log)
    {
        var id = IdText;
        log.Add(new Change(EntityType, id, "created", "number", null, Number));
        log.Add(new Change(EntityType, id, "created", "status", null, Status));
        foreach (var line in Lines)
        {
            log.Add(new Change(LineEntityType, id, "created", "line", null, line.ReferenceNumber));
        }
    }
}
