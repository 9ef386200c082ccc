using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

public sealed class ProductModel(AppDbContext db, MasterDataWriter writer, AuditTrail audit, IStringLocalizer<SharedResource> localizer)
    : MasterDataEditPage<ProductForm, ProductData, ProductDto>(new ProductKind(), db, writer, audit, localizer);
