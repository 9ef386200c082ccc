using System.Text;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>
/// The CSV import page (managers and administrators): a file of one kind is uploaded, imported in the background by
/// <see cref="ImportJobs"/>, and its progress polled (<c>?handler=Progress</c>, every second, by htmx) until it lists
/// every refused row with its reason, also as CSV to download.
/// </summary>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel(ImportJobs jobs, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;
    public const int RefusedPageSize = 50;

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string Kind { get; set; } = "customers";

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty(SupportsGet = true, Name = "job")]
    public Guid? JobId { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int RefusedPage { get; set; } = 1;

    public ImportJob? Job { get; private set; }

    public IReadOnlyList<MasterDataSection> Sections => MasterDataSection.All(localizer);

    /// <summary>The CSV columns of each kind, as the API's import reads them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Columns { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["customers"] = new CustomerKind().CsvColumns,
        ["suppliers"] = new SupplierKind().CsvColumns,
        ["products"] = new ProductKind().CsvColumns,
        ["sales-documents"] = new SalesDocumentKind().CsvColumns,
    };

    private static readonly Dictionary<string, string> Samples = new()
    {
        ["customers"] = "code,name,type,tier,taxId,email,phone,country\r\nC-1001,Sklep AGD Kowalski,business,vip,PL5260001246,zakupy@kowalski.pl,+48 22 555 01 01,PL\r\n" +
            "C-1002,Jana Nováková,consumer,standard,,jana@example.cz,,CZ\r\n",
        ["suppliers"] = "code,name,taxId,email,country\r\nS-200,Amica S.A.,PL7870004256,reklamacje@amica.example,PL\r\n",
        ["products"] = "code,name,ean,supplierCode,warrantyMonths,productGroup\r\nAM-PA612,Pralka Amica PA-612,5906006123456,,24,washing\r\n" +
            "BO-TWK3A011,Czajnik Bosch TWK 3A011,4242002000000,,12,kettles\r\n",
        ["sales-documents"] = "number,customerCode,issueDate,saleDate,currency,goodsIssue.number,goodsIssue.pickedBy,goodsIssue.packedBy," +
            "shipment.carrier,shipment.trackingNumber,lineNo,productCode,quantity,unitPrice,serialNumbers\r\n" +
            "FV/2026/001,C-1001,2026-03-02,2026-03-01,PLN,WZ/2026/001,Anna Nowak,Jan Wiśniewski,inpost,620000000001,1,AM-PA612,2,\"1499,99\",SN-1|SN-2\r\n" +
            "FV/2026/001,C-1001,2026-03-02,2026-03-01,PLN,WZ/2026/001,Anna Nowak,Jan Wiśniewski,inpost,620000000001,2,BO-TWK3A011,5,249.50,\r\n",
    };

    public IActionResult OnGet()
    {
        if (!Columns.ContainsKey(Kind))
        {
            Kind = "customers";
        }

        if (JobId is { } id)
        {
            Job = jobs.Find(id);
            if (Job is null)
            {
                return NotFound();
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Columns.ContainsKey(Kind))
        {
            ModelState.AddModelError("Kind", localizer["Choose what the file holds."]);
        }

        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError("Upload", localizer["Choose a CSV file that is not empty."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var upload = Upload!.OpenReadStream();
        var job = await jobs.StartAsync(Kind, Path.GetFileName(Upload.FileName), upload, audit.CurrentActor, HttpContext.RequestAborted);
        return RedirectToPage(new { job = job.Id, kind = (string?)null });
    }

    public IActionResult OnGetProgress()
    {
        Job = JobId is { } id ? jobs.Find(id) : null;
        return Job is null ? NotFound() : Partial("_ImportProgress", this);
    }

    public IActionResult OnGetRefused()
    {
        Job = JobId is { } id ? jobs.Find(id) : null;
        if (Job is null)
        {
            return NotFound();
        }

        var name = Path.GetFileNameWithoutExtension(Job.FileName);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ImportJobs.RefusedCsv(Job))).ToArray(),
            "text/csv; charset=utf-8", $"{(name.Length > 0 ? name : Job.Kind)}-refused.csv");
    }

    public IActionResult OnGetSample() =>
        Samples.TryGetValue(Kind, out var sample)
            ? File(Encoding.UTF8.GetBytes(sample), "text/csv; charset=utf-8", $"{Kind}-sample.csv")
            : NotFound();
}
