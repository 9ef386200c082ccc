using ClaimDesk.Core.MasterData;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>A sales document with its lines; lines are added and removed by posting the form, so it works without JavaScript.</summary>
public sealed class SalesDocumentModel(AppDbContext db, MasterDataWriter writer, AuditTrail audit, IStringLocalizer<SharedResource> localizer)
    : MasterDataEditPage<SalesDocumentForm, SalesDocumentData, SalesDocumentDto>(new SalesDocumentKind(), db, writer, audit, localizer)
{
    public Task<IActionResult> OnPostAddLineAsync()
    {
        Form.AddLine();
        return RedrawAsync();
    }

    public Task<IActionResult> OnPostRemoveLineAsync(int index)
    {
        if (index >= 0 && index < Form.Lines.Count)
        {
            Form.Lines.RemoveAt(index);
        }

        return RedrawAsync();
    }
}
