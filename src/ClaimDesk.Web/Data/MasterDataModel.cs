using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClaimDesk.Web.Data;

/// <summary>How the master data from the ERP (suppliers, products, sales documents, customers' ERP fields) maps to tables.</summary>
public static class MasterDataModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Customer>(customer =>
        {
            customer.Property(c => c.Tier).HasMaxLength(MasterDataLimits.Tier).HasDefaultValue(MasterDataValidator.DefaultTier);
            customer.Property(c => c.Country).HasMaxLength(2);
            customer.HasIndex(c => c.UpdatedAt);
        });

        builder.Entity<Supplier>(supplier =>
        {
            supplier.ToTable("suppliers");
            supplier.Property(s => s.Code).HasMaxLength(MasterDataLimits.Code);
            supplier.HasIndex(s => s.Code).IsUnique();
            supplier.Property(s => s.Name).HasMaxLength(MasterDataLimits.Name);
            supplier.Property(s => s.TaxId).HasMaxLength(MasterDataLimits.TaxId);
            supplier.Property(s => s.Email).HasMaxLength(ClaimLimits.Email);
            supplier.Property(s => s.Country).HasMaxLength(2);
            supplier.HasIndex(s => s.UpdatedAt);
        });

        builder.Entity<Product>(product =>
        {
            product.ToTable("products");
            product.Property(p => p.Code).HasMaxLength(MasterDataLimits.Code);
            product.HasIndex(p => p.Code).IsUnique();
            product.Property(p => p.Name).HasMaxLength(MasterDataLimits.Name);
            product.Property(p => p.Ean).HasMaxLength(14);
            product.HasIndex(p => p.Ean);
            product.HasOne(p => p.Supplier).WithMany().HasForeignKey(p => p.SupplierId).OnDelete(DeleteBehavior.Restrict);
            product.Property(p => p.ProductGroup).HasMaxLength(MasterDataLimits.Code);
            product.HasIndex(p => p.UpdatedAt);
        });

        builder.Entity<SalesDocument>(document =>
        {
            document.ToTable("sales_documents");
            document.Property(d => d.Number).HasMaxLength(MasterDataLimits.Code);
            document.HasIndex(d => d.Number).IsUnique();
            document.HasOne(d => d.Customer).WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
            document.Property(d => d.Currency).HasMaxLength(3);
            document.Property(d => d.GoodsIssueNumber).HasMaxLength(MasterDataLimits.Code);
            document.HasIndex(d => d.GoodsIssueNumber);
            document.Property(d => d.PickedBy).HasMaxLength(MasterDataLimits.Person);
            document.Property(d => d.PackedBy).HasMaxLength(MasterDataLimits.Person);
            document.Property(d => d.Carrier).HasMaxLength(40);
            document.Property(d => d.TrackingNumber).HasMaxLength(MasterDataLimits.Code);
            document.HasIndex(d => d.UpdatedAt);
            document.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.SalesDocumentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SalesDocumentLine>(line =>
        {
            line.ToTable("sales_document_lines");
            line.HasIndex(l => new { l.SalesDocumentId, l.LineNo }).IsUnique();
            line.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
            line.Property(l => l.Quantity).HasPrecision(18, 3);
            line.Property(l => l.UnitPrice).HasPrecision(18, 2);

            // One text column, a serial number a line: serial numbers hold no control characters.
            line.Property(l => l.SerialNumbers).HasConversion(
                list => string.Join('\n', list),
                text => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
                    list => list.ToList()));
        });
    }
}
