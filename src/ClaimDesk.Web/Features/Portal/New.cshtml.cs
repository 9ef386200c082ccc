using System.Globalization;
using System.Text.RegularExpressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Portal;

/// <summary>
/// A new RMA: lines picked from one of the company's sales documents (at most what was sold less what is already
/// claimed) and lines typed by hand, under one number, each line with its reference number. Works without JavaScript:
/// choosing the document reloads the page with its lines.
/// </summary>
public sealed partial class NewModel(
    PortalAccess access, PortalQueries queries, Intake.ClaimIntake intake, AppDbContext db, IStringLocalizer<SharedResource> localizer)
    : PageModel, IFieldLabels
{
    /// <summary>The labels the form shows, for the summary of what is wrong (New.cshtml).</summary>
    private static readonly FieldLabelMap Labels = new(
        new Dictionary<string, string> { ["document"] = "Invoice or other sales document" },
        new Dictionary<string, string>
        {
            ["typed.productName"] = "Product",
            ["typed.quantity"] = "Quantity",
            ["typed.salesDocumentNumber"] = "Invoice or receipt",
            ["typed.faultDescription"] = "Fault description",
        });

    /// <summary>A picked line is named as its inputs are, by its number on the document.</summary>
    public string? LabelOf(string field)
    {
        var pick = PickPath().Match(field);
        if (pick.Success && int.Parse(pick.Groups[1].Value, CultureInfo.InvariantCulture) is var i && i < Picks.Count)
        {
            var lineNo = Picks[i].LineNo;
            return pick.Groups[2].Value switch
            {
                "quantity" => localizer["Quantity of line {0}", lineNo],
                "faultDescription" => localizer["Fault of line {0}", lineNo],
                _ => localizer["Claim line {0}", lineNo],
            };
        }

        return Labels.LabelOf(field, localizer);
    }

    [BindProperty(SupportsGet = true, Name = "document")]
    public string? DocumentNumber { get; set; }

    [BindProperty]
    public List<PickedLine> Picks { get; set; } = [];

    [BindProperty]
    public List<TypedLine> Typed { get; set; } = [new()];

    [BindProperty]
    public string RequestedRemedy { get; set; } = "repair";

    [BindProperty]
    public string DeliveryMethod { get; set; } = "customer_ships";

    [BindProperty]
    public string? PickupAddress { get; set; }

    [BindProperty]
    public string? ParcelLockerId { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public PortalDocument? Document { get; private set; }

    public IReadOnlyList<string> RecentDocuments { get; private set; } = [];

    /// <summary>Errors by the form's own field paths (<c>picks[1].quantity</c>, <c>typed[0].productName</c>, <c>form</c>).</summary>
    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    public sealed class PickedLine
    {
        public int LineNo { get; set; }
        public bool Selected { get; set; }
        public string? Quantity { get; set; }
        public string? FaultDescription { get; set; }
    }

    public sealed class TypedLine
    {
        public string? ProductCode { get; set; }
        public string? ProductName { get; set; }
        public string? SerialNumber { get; set; }
        public string? Quantity { get; set; } = "1";
        public string? SalesDocumentNumber { get; set; }
        public string? FaultDescription { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(ProductName) && string.IsNullOrWhiteSpace(SerialNumber)
            && string.IsNullOrWhiteSpace(FaultDescription) && string.IsNullOrWhiteSpace(ProductCode);
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await access.CompanyAsync(HttpContext.RequestAborted) is not { } company)
        {
            return Forbid();
        }

        await LoadAsync(company);
        Picks = [.. (Document?.Lines ?? []).Select(l => new PickedLine { LineNo = l.LineNo, Quantity = Format(Math.Min(1, l.Claimable)) })];
        return Page();
    }

    public async Task<IActionResult> OnPostAddLineAsync()
    {
        if (await access.CompanyAsync(HttpContext.RequestAborted) is not { } company)
        {
            return Forbid();
        }

        Typed.Add(new TypedLine());
        ModelState.Clear();
        await LoadAsync(company);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await access.CompanyAsync(HttpContext.RequestAborted) is not { } company)
        {
            return Forbid();
        }

        await LoadAsync(company);
        if (!string.IsNullOrWhiteSpace(DocumentNumber) && Document is null)
        {
            AddError("document", localizer["There is no sales document {0}.", DocumentNumber]);
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == access.Actor.Id)
            .Select(u => new { u.DisplayName, u.Email, u.PhoneNumber, u.Language }).SingleAsync(HttpContext.RequestAborted);
        var lines = new List<ClaimLineInput>();
        var paths = new List<string>();
        for (var i = 0; i < Picks.Count; i++)
        {
            var pick = Picks[i];
            if (!pick.Selected || Document is null)
            {
                continue;
            }

            lines.Add(new ClaimLineInput
            {
                SalesDocumentNumber = Document.Number, SalesDocumentLineNo = pick.LineNo,
                Quantity = Number(pick.Quantity, $"picks[{i}].quantity"), FaultDescription = pick.FaultDescription,
            });
            paths.Add($"picks[{i}]");
        }

        for (var i = 0; i < Typed.Count; i++)
        {
            var typed = Typed[i];
            if (typed.IsBlank)
            {
                continue;
            }

            lines.Add(new ClaimLineInput
            {
                ProductCode = typed.ProductCode, ProductName = typed.ProductName, SerialNumber = typed.SerialNumber,
                SalesDocumentNumber = typed.SalesDocumentNumber, Quantity = Number(typed.Quantity, $"typed[{i}].quantity"),
                FaultDescription = typed.FaultDescription,
            });
            paths.Add($"typed[{i}]");
        }

        if (lines.Count == 0)
        {
            AddError("form", localizer["Choose at least one line of the document, or type an item."]);
        }

        if (FieldErrors.Count > 0)
        {
            return Page();
        }

        var input = new ClaimInput
        {
            Channel = "portal",
            Customer = new CustomerInput { Code = company.Code, Name = company.Name },
            Contact = new ContactInput { Name = user.DisplayName, Email = user.Email, Phone = user.PhoneNumber, Language = user.Language },
            CustomerType = Core.Common.Codes.Of(company.Type),
            LegalBasis = company.Type == CustomerType.Business ? "warranty_b2b" : "conformity",
            Category = "quality",
            RequestedRemedy = RequestedRemedy,
            DeliveryMethod = DeliveryMethod,
            PickupAddress = PickupAddress,
            ParcelLockerId = ParcelLockerId,
            Description = Description,
            Lines = lines,
        };
        var (claim, errors) = await intake.TakeOneAsync(input, access.Actor, cancellationToken: HttpContext.RequestAborted);
        if (claim is null)
        {
            foreach (var error in errors)
            {
                AddError(FormPath(error.Field, paths), localizer[error.Message, error.Arguments]);
            }

            return Page();
        }

        TempData["Status"] = localizer["RMA {0} was created with {1} items.", claim.Number, claim.Lines.Count].Value;
        return RedirectToPage("Claim", new { id = claim.Id });
    }

    private async Task LoadAsync(PartnerCompany company)
    {
        RecentDocuments = await queries.RecentDocumentNumbersAsync(company.Id, HttpContext.RequestAborted);
        Document = string.IsNullOrWhiteSpace(DocumentNumber) ? null
            : await queries.DocumentAsync(company.Id, DocumentNumber.Trim(), HttpContext.RequestAborted);
        if (Document is not null && Picks.Count != Document.Lines.Count)
        {
            Picks = [.. Document.Lines.Select(l => Picks.FirstOrDefault(p => p.LineNo == l.LineNo) ?? new PickedLine { LineNo = l.LineNo, Quantity = "1" })];
        }

        if (Typed.Count == 0)
        {
            Typed.Add(new TypedLine());
        }
    }

    /// <summary>The form's path of a claim field error: <c>lines[2].quantity</c> is the third line sent, a pick or a typed row.</summary>
    private static string FormPath(string field, List<string> paths)
    {
        if (field is "pickupAddress" or "parcelLockerId")
        {
            return field;
        }

        var match = LinePath().Match(field);
        return match.Success && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) is var index && index < paths.Count
            ? paths[index] + match.Groups[2].Value
            : "form";
    }

    private decimal? Number(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        AddError(field, localizer["'{0}' is not a number.", text]);
        return null;
    }

    private void AddError(string field, string message)
    {
        FieldErrors.TryAdd(field, []);
        FieldErrors[field].Add(message);
        ModelState.AddModelError(field, message);
    }

    public static string Format(decimal quantity) => quantity.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^picks\[(\d+)\]\.(\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PickPath();

    [GeneratedRegex(@"^lines\[(\d+)\](.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LinePath();
}
