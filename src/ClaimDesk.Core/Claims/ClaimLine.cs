namespace ClaimDesk.Core.Claims;

/// <summary>One item of a claim (DESIGN §2), with its own decision.</summary>
public sealed class ClaimLine
{
    public long Id { get; set; }

    public long ClaimId { get; set; }

    public int LineNo { get; set; }

    /// <summary>The claim number and the line number, e.g. <c>RMA-2026-000042-02</c>.</summary>
    public string ReferenceNumber { get; set; } = "";

    public string? ProductCode { get; set; }

    public string ProductName { get; set; } = "";

    public string? Ean { get; set; }

    public string? SerialNumber { get; set; }

    public decimal Quantity { get; set; }

    public decimal? UnitPrice { get; set; }

    public DateOnly? PurchaseDate { get; set; }

    public string? SalesDocumentNumber { get; set; }

    /// <summary>The line of the sales document claimed, when the claim names one.</summary>
    public int? SalesDocumentLineNo { get; set; }

    /// <summary>The goods-issue document the item left on, and who picked and packed it (from the ERP).</summary>
    public string? GoodsIssueNumber { get; set; }

    public string? PickedBy { get; set; }

    public string? PackedBy { get; set; }

    /// <summary>The carrier's code and the shipment's tracking number the item was sent with (from the ERP).</summary>
    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>The later of the statutory liability end and the guarantee end (see <c>WarrantyRule</c>).</summary>
    public DateOnly? WarrantyEnd { get; set; }

    /// <summary>Whether the claim was made within <see cref="WarrantyEnd"/>; null when that cannot be told.</summary>
    public bool? UnderWarranty { get; set; }

    public string FaultDescription { get; set; } = "";

    public string? Diagnosis { get; set; }

    public LineDecision Decision { get; set; }

    public string? DecisionReason { get; set; }

    public DateTime? DecidedAt { get; set; }

    public decimal Value => Quantity * (UnitPrice ?? 0m);
}
