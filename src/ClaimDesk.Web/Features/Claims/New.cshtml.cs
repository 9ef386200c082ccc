using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// Staff intake: a complaint taken by phone, e-mail or in person, recorded on the customer's behalf. A serial number
/// typed on an item is looked up (by htmx as it is typed, or by the item's button without JavaScript) and the sale found
/// is offered beside it: only staff's choice puts its document and customer into the form.
/// </summary>
public sealed class NewModel(
    AppDbContext db, Intake.ClaimIntake intake, AuditTrail audit, IStringLocalizer<SharedResource> localizer, CustomFields.CustomFieldQueries customFields,
    ClaimLineEnrichment enrichment) : PageModel, IFieldLabels
{
    /// <summary>The labels the form shows, for the summary of what is wrong (New.cshtml).</summary>
    private static readonly FieldLabelMap Labels = new(
        new Dictionary<string, string>
        {
            ["register"] = "Register",
            ["channel"] = "Channel",
            ["customerType"] = "Customer type",
            ["legalBasis"] = "Legal basis",
            ["category"] = "Category",
            ["requestedRemedy"] = "Requested remedy",
            ["deliveryMethod"] = "Delivery of the goods",
            ["priority"] = "Priority",
            ["customer.code"] = "Customer code (ERP)",
            ["customer.name"] = "Customer name or company",
            ["customer.taxId"] = "Tax or company ID (NIP, IČO, DIČ, VAT)",
            ["contact.name"] = "Contact person",
            ["contact.email"] = "E-mail",
            ["contact.phone"] = "Phone",
            ["contact.language"] = "Customer's language",
            ["contact.preferredChannel"] = "Keep the customer informed by",
            ["description"] = "Notes on the complaint",
            ["lines"] = "Items",
        },
        new Dictionary<string, string>
        {
            ["lines.productCode"] = "Product code",
            ["lines.productName"] = "Product",
            ["lines.serialNumber"] = "Serial number",
            ["lines.quantity"] = "Quantity",
            ["lines.unitPrice"] = "Unit price",
            ["lines.purchaseDate"] = "Purchase date",
            ["lines.salesDocumentNumber"] = "Invoice or receipt",
            ["lines.ean"] = "EAN",
            ["lines.faultDescription"] = "Fault description",
        });

    public string? LabelOf(string field) => Labels.LabelOf(field, localizer);

    /// <summary>The active custom fields of each register, by register code.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Core.CustomFields.CustomFieldDefinition>> CustomFields { get; private set; } =
        new Dictionary<string, IReadOnlyList<Core.CustomFields.CustomFieldDefinition>>();

    /// <summary>The input of one register's custom field, with what was typed.</summary>
    public CustomFields.CustomFieldInputView InputFor(string register, Core.CustomFields.CustomFieldDefinition field)
    {
        var key = ClaimForm.CustomFieldKey(register, field.Code);
        var view = new CustomFields.CustomFieldView(field, field.Label.In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), null, "");
        return new(view, Form.CustomFields.GetValueOrDefault(key), $"cf-{register}-{field.Code}", Required: false, Name: $"Form.CustomFields[{key}]");
    }

    [BindProperty]
    public ClaimForm Form { get; set; } = new();

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    public Dictionary<string, List<string>> FieldErrors { get; } = [];

    /// <summary>The sale found of each item's serial number, by the item's index; empty until the form is posted.</summary>
    public IReadOnlyDictionary<int, SaleSuggestion> Sales { get; private set; } = new Dictionary<int, SaleSuggestion>();

    /// <summary>Whether the serial numbers typed were looked up (the form was posted), so that "none found" can be said.</summary>
    public bool SalesLookedUp { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (input, parseErrors) = Form.ToInput();
        IReadOnlyList<FieldError> errors = parseErrors;
        Claim? claim = null;
        if (parseErrors.Count == 0)
        {
            (claim, errors) = await intake.TakeOneAsync(input, audit.CurrentActor, cancellationToken: HttpContext.RequestAborted);
        }

        if (claim is null)
        {
            foreach (var error in errors)
            {
                var message = localizer[error.Message, error.Arguments].Value;
                FieldErrors.TryAdd(error.Field, []);
                FieldErrors[error.Field].Add(message);
                ModelState.AddModelError(error.Field, message);
            }

            await LoadAsync();
            return Page();
        }

        TempData["Status"] = localizer["Complaint {0} was recorded.", claim.Number].Value;
        return RedirectToPage("Card", new { id = claim.Id });
    }

    public async Task<IActionResult> OnPostAddLineAsync()
    {
        Form.Lines.Add(new ClaimLineForm());
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveLineAsync()
    {
        if (Form.Lines.Count > 1)
        {
            Form.Lines.RemoveAt(Form.Lines.Count - 1);
        }

        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    /// <summary>Looks the serial numbers typed up and draws the form again with the sales found; nothing of the form changes.</summary>
    public async Task<IActionResult> OnPostFindSaleAsync()
    {
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// Staff chose the sale offered for item <paramref name="line"/>: its document and customer go into the form, and its
    /// product, price and date where the item leaves them blank; the form is drawn again, to be checked and saved.
    /// </summary>
    public async Task<IActionResult> OnPostUseSaleAsync(int line)
    {
        ModelState.Clear();
        if (line >= 0 && line < Form.Lines.Count && Form.Lines[line].SerialNumber?.Trim() is { Length: > 0 } serial
            && (await enrichment.SalesOfSerialsAsync(Form.CustomerCode, [serial], HttpContext.RequestAborted)).TryGetValue(serial, out var sale))
        {
            var item = Form.Lines[line];
            (Form.CustomerCode, Form.CustomerName, Form.CustomerTaxId) = (sale.CustomerCode, sale.CustomerName, sale.CustomerTaxId ?? Form.CustomerTaxId);
            item.SalesDocumentNumber = sale.DocumentNumber;
            if (string.IsNullOrWhiteSpace(item.ProductCode) && string.IsNullOrWhiteSpace(item.ProductName))
            {
                (item.ProductCode, item.ProductName) = (sale.ProductCode, sale.ProductName);
            }

            item.UnitPrice = string.IsNullOrWhiteSpace(item.UnitPrice) ? sale.UnitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture) : item.UnitPrice;
            item.PurchaseDate = string.IsNullOrWhiteSpace(item.PurchaseDate)
                ? sale.SaleDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : item.PurchaseDate;
            TempData["Status"] = localizer["The sale {0} to {1} was filled in: check the customer and the item, then save.", sale.DocumentNumber, sale.CustomerName].Value;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var registers = await db.Registers.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(language)))];
        if (string.IsNullOrEmpty(Form.Register))
        {
            Form.Register = (registers.FirstOrDefault(r => r.Kind == Core.Registers.RegisterKind.Complaints) ?? registers.FirstOrDefault())?.Code ?? "";
        }

        CustomFields = await customFields.ActiveByRegisterAsync(HttpContext.RequestAborted);
        if (Form.Lines.Count == 0)
        {
            Form.Lines.Add(new ClaimLineForm());
        }

        if (HttpMethods.IsPost(Request.Method))
        {
            var serials = Form.Lines.Select(l => l.SerialNumber?.Trim()).ToList();
            var sales = await enrichment.SalesOfSerialsAsync(Form.CustomerCode,
                [.. serials.OfType<string>().Where(s => s.Length > 0).Distinct()], HttpContext.RequestAborted);
            Sales = serials.Select((serial, index) => (serial, index))
                .Where(s => s.serial is not null && sales.ContainsKey(s.serial))
                .ToDictionary(s => s.index, s => sales[s.serial!]);
            SalesLookedUp = true;
        }
    }
}
