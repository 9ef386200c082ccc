using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

public sealed class CustomerModel(AppDbContext db, MasterDataWriter writer, AuditTrail audit, IStringLocalizer<SharedResource> localizer)
    : MasterDataEditPage<CustomerForm, CustomerData, CustomerDto>(new CustomerKind(), db, writer, audit, localizer);
