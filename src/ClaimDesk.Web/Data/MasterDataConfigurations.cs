using ClaimDesk.Core.Claims;
using ClaimDesk.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Data;

// How the master data from the ERP (suppliers, products, sales documents) maps to tables; customers' ERP fields are
// in CustomerConfiguration.

public sealed class SupplierConfiguration : IEntityTypeConfiguration<Supplier>
{
    public void Configure(EntityTypeBuilder<Supplier> builder)
    {
        builder.ToTable("suppliers");
        builder.Property(s => s.Code).HasMaxLength(MasterDataLimits.Code);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(MasterDataLimits.Name);
        builder.Property(s => s.TaxId).HasMaxLength(MasterDataLimits.TaxId);
        builder.Property(s => s.Email).HasMaxLength(ClaimLimits.Email);
        builder.Property(s => s.Country).HasMaxLength(2);
        builder.HasIndex(s => s.UpdatedAt);
    }
}

public sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.Property(p => p.Code).HasMaxLength(MasterDataLimits.Code);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(MasterDataLimits.Name);
        builder.Property(p => p.Ean).HasMaxLength(14);
        builder.HasIndex(p => p.Ean);
        builder.HasOne(p => p.Supplier).WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.ProductGroup).HasMaxLength(MasterDataLimits.Code);
        builder.HasIndex(p => p.UpdatedAt);
    }
}

public sealed class SalesDocumentConfiguration : IEntityTypeConfiguration<SalesDocument>
{
    public void Configure(EntityTypeBuilder<SalesDocument> builder)
    {
        builder.ToTable("sales_documents");
        builder.Property(d => d.Number).HasMaxLength(MasterDataLimits.Code);
        builder.HasIndex(d => d.Number).IsUnique();
        builder.HasOne(d => d.Customer).WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Currency).HasMaxLength(3);
        builder.Property(d => d.GoodsIssueNumber).HasMaxLength(MasterDataLimits.Code);
        builder.HasIndex(d => d.GoodsIssueNumber);
        builder.Property(d => d.PickedBy).HasMaxLength(MasterDataLimits.Person);
        builder.Property(d => d.PackedBy).HasMaxLength(MasterDataLimits.Person);
        builder.Property(d => d.Carrier).HasMaxLength(40);
        builder.Property(d => d.TrackingNumber).HasMaxLength(MasterDataLimits.Code);
        builder.HasIndex(d => d.UpdatedAt);
        builder.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.SalesDocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SalesDocumentLineConfiguration : IEntityTypeConfiguration<SalesDocumentLine>
{
    public void Configure(EntityTypeBuilder<SalesDocumentLine> builder)
    {
        builder.ToTable("sales_document_lines");
        builder.HasIndex(l => new { l.SalesDocumentId, l.LineNo }).IsUnique();
        builder.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Quantity).HasPrecision(18, 3);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);

        // One text column, a serial number a line: serial numbers hold no control characters.
        builder.Property(l => l.SerialNumbers).HasConversion(
            list => string.Join('\n', list),
            text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                list => list.ToList()));
    }
}
