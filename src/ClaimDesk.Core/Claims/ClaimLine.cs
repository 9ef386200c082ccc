namespace ClaimDesk.Core.Claims;

/// <summary>One item of a claim (DESIGN §2), with its own decision.</summary>
public sealed class ClaimLine
{
    public long Id { get; internal set; }

    public long ClaimId { get; internal set; }

    public int LineNo { get; internal set; }

    /// <summary>The claim number and the line number, e.g. <c>RMA-2026-000042-02</c>.</summary>
    public string ReferenceNumber { get; internal set; } = "";

    public string? ProductCode { get; internal set; }

    public string ProductName { get; internal set; } = "";

    public string? Ean { get; internal set; }

    public string? SerialNumber { get; internal set; }

    public decimal Quantity { get; internal set; }

    public decimal? UnitPrice { get; internal set; }

    public DateOnly? PurchaseDate { get; internal set; }

    public string? SalesDocumentNumber { get; internal set; }

    /// <summary>The line of the sales document claimed, when the claim names one.</summary>
    public int? SalesDocumentLineNo { get; internal set; }

    /// <summary>The goods-issue document the item left on, and who picked and packed it (from the ERP).</summary>
    public string? GoodsIssueNumber { get; internal set; }

    public string? PickedBy { get; internal set; }

    public string? PackedBy { get; internal set; }

    /// <summary>The carrier's code and the shipment's tracking number the item was sent with (from the ERP).</summary>
    public string? Carrier { get; internal set; }

    public string? TrackingNumber { get; internal set; }

    /// <summary>The later of the statutory liability end and the guarantee end (see <c>WarrantyRule</c>).</summary>
    public DateOnly? WarrantyEnd { get; internal set; }

    /// <summary>Whether the claim was made within <see cref="WarrantyEnd"/>; null when that cannot be told.</summary>
    public bool? UnderWarranty { get; internal set; }

    public string FaultDescription { get; internal set; } = "";

    /// <summary>The technician's finding (<see cref="Claim.RecordItemWork"/>).</summary>
    public string? Diagnosis { get; internal set; }

    /// <summary>What the supplier (or manufacturer) said about the item, when it was asked.</summary>
    public string? SupplierStatement { get; internal set; }

    /// <summary>The remedy actually granted (<see cref="GrantedRemedy.None"/> until one is), with its facts below.</summary>
    public GrantedRemedy Remedy { get; internal set; }

    /// <summary>When the remedy was granted.</summary>
    public DateTime? RemedyGrantedAt { get; internal set; }

    /// <summary>The serial number of the item given in replacement (<see cref="GrantedRemedy.Replacement"/>).</summary>
    public string? ReplacementSerial { get; internal set; }

    /// <summary>The money given back (<see cref="GrantedRemedy.Refund"/>, <see cref="GrantedRemedy.PriceReduction"/>, <see cref="GrantedRemedy.CreditNote"/>).</summary>
    public decimal? RefundAmount { get; internal set; }

    /// <summary>The ISO 4217 code of <see cref="RefundAmount"/>.</summary>
    public string? RefundCurrency { get; internal set; }

    /// <summary>The repair report (<see cref="GrantedRemedy.Repair"/>): what was done, the parts used, the time it took.</summary>
    public string? RepairDone { get; internal set; }

    public string? RepairParts { get; internal set; }

    public int? RepairMinutes { get; internal set; }

    /// <summary>When the item itself reached us, and when it was sent back, how and with which tracking number.</summary>
    public DateTime? GoodsReceivedAt { get; internal set; }

    public DateTime? ReturnedAt { get; internal set; }

    public ReturnMethod? ReturnMethod { get; internal set; }

    public string? ReturnTrackingNumber { get; internal set; }

    public LineDecision Decision { get; internal set; }

    public string? DecisionReason { get; internal set; }

    public DateTime? DecidedAt { get; internal set; }

    public decimal Value => Quantity * (UnitPrice ?? 0m);
}

/// <summary>The remedy granted for an item (issue 13); <see cref="None"/> until one is.</summary>
public enum GrantedRemedy { None, Repair, Replacement, Refund, PriceReduction, CreditNote, ReturnUnrepaired }

/// <summary>How an item went back to the claimant.</summary>
public enum ReturnMethod { Courier, ParcelLocker, Post, PickupInPerson }
