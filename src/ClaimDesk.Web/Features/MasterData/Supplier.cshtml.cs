using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

public sealed class SupplierModel(AppDbContext db, MasterDataWriter writer, AuditTrail audit, IStringLocalizer<SharedResource> localizer)
    : MasterDataEditPage<SupplierForm, SupplierData, SupplierDto>(new SupplierKind(), db, writer, audit, localizer);
