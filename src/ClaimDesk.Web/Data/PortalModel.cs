using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.MasterData;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

/// <summary>
/// How the partner portal and the ERP facts of claim lines map to tables: the company a partner user belongs to, and
/// the sales document line, goods issue, shipment and warranty state a claim line carries.
/// </summary>
public static class PortalModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AppUser>(user =>
        {
            user.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ClaimLine>(line =>
        {
            line.HasIndex(l => new { l.SalesDocumentNumber, l.SalesDocumentLineNo });
            line.Property(l => l.GoodsIssueNumber).HasMaxLength(MasterDataLimits.Code);
            line.Property(l => l.PickedBy).HasMaxLength(MasterDataLimits.Person);
            line.Property(l => l.PackedBy).HasMaxLength(MasterDataLimits.Person);
            line.Property(l => l.Carrier).HasMaxLength(40);
            line.Property(l => l.TrackingNumber).HasMaxLength(MasterDataLimits.Code);
        });
    }
}
