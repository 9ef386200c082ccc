using System.Globalization;
using System.Security.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>
/// The claim grid (issue 7): filtered, sorted and paged in SQL over any column, columns chosen, views built in or saved
/// per user, the whole view exported. Everything is in the query string, so a view is a link. A claim number or line
/// reference typed into the search opens the claim.
/// </summary>
public sealed class IndexModel(AppDbContext db, ClaimQueries queries, SavedViews savedViews,
    ClaimExport export, OrganisationClock clock, CustomFields.CustomFieldQueries customFields) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "register")]
    public string? Register { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string[] Statuses { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "assignee")]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true, Name = "channel")]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "ctype")]
    public string? CustomerType { get; set; }

    [BindProperty(SupportsGet = true, Name = "basis")]
    public string? LegalBasis { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "priority")]
    public string? Priority { get; set; }

    [BindProperty(SupportsGet = true, Name = "decision")]
    public string? Decision { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? ReceivedFrom { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? ReceivedTo { get; set; }

    [BindProperty(SupportsGet = true, Name = "due")]
    public DateOnly? DueBefore { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string Sort { get; set; } = "received";

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool Descending { get; set; } = true;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "col")]
    public string[] ColumnKeys { get; set; } = [];

    public ClaimGridPage Claims { get; private set; } = new([], 1, 25, 0, false);

    public IReadOnlyList<GridColumn> Columns { get; private set; } = [];

    /// <summary>The active custom fields (of the chosen register, or of all), which the column chooser offers.</summary>
    public IReadOnlyList<Core.CustomFields.CustomFieldDefinition> CustomFields { get; private set; } = [];

    /// <summary>The custom fields shown as columns (<c>col=cf:&lt;id&gt;</c>), after the other columns.</summary>
    public IReadOnlyList<Core.CustomFields.CustomFieldDefinition> CustomColumns { get; private set; } = [];

    /// <summary>The shown custom fields' values of the page's claims, as people read them, by claim id and field id.</summary>
    public IReadOnlyDictionary<long, IReadOnlyDictionary<int, string>> CustomCells { get; private set; } =
        new Dictionary<long, IReadOnlyDictionary<int, string>>();

    /// <summary>The custom-field filters as typed (<c>cf.&lt;id&gt;</c>: the value contains the text).</summary>
    public IReadOnlyDictionary<int, string> CustomFilterValues { get; private set; } = new Dictionary<int, string>();

    public static string CustomKey(Core.CustomFields.CustomFieldDefinition field) => $"cf:{field.Id}";

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public IReadOnlyList<(string Code, string Name)> Registers { get; private set; } = [];

    /// <summary>Status codes with their staff label (first register's label wins where codes repeat).</summary>
    public IReadOnlyDictionary<string, string> StatusLabels { get; private set; } = new Dictionary<string, string>();

    /// <summary>Staff who can be assignees, by id.</summary>
    public IReadOnlyDictionary<string, string> Staff { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<SavedView> SavedViews { get; private set; } = [];

    public int PageCount => Math.Max(1, (Claims.Total + Claims.PageSize - 1) / Claims.PageSize);

    /// <summary>This view's query string, without the page: what a saved view keeps.</summary>
    public string ViewQuery => QueryOf(null, null, null).TrimStart('?');

    public async Task<IActionResult> OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Query) && await queries.FindIdAsync(Query) is { } id && !Query.Trim().All(char.IsAsciiDigit))
        {
            return RedirectToPage("Card", new { id });
        }

        await LoadChoicesAsync();
        SavedViews = await savedViews.ListAsync(UserId, HttpContext.RequestAborted);
        Claims = await queries.GridAsync(Filter() with { Page = PageNumber }, HttpContext.RequestAborted);
        if (CustomColumns.Count > 0)
        {
            CustomCells = await customFields.CellsAsync([.. Claims.Items.Select(c => c.Id)], CustomColumns, Language, HttpContext.RequestAborted);
        }

        return Page();
    }

    /// <summary>The whole view (every page) as CSV or XLSX, streamed.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format)
    {
        await LoadChoicesAsync();
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var name = string.Create(CultureInfo.InvariantCulture, $"claims-{clock.Today:yyyy-MM-dd}.{(xlsx ? "xlsx" : "csv")}");
        Response.ContentType = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        if (xlsx)
        {
            await export.WriteXlsxAsync(Response.Body, Filter(), Columns, Label, CustomColumns, HttpContext.RequestAborted);
        }
        else
        {
            await export.WriteCsvAsync(Response.Body, Filter(), Columns, Label, CustomColumns, HttpContext.RequestAborted);
        }

        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostSaveViewAsync(string? name, string? view)
    {
        var query = view ?? "";
        var (result, _) = await savedViews.SaveAsync(UserId, name ?? "", query, HttpContext.RequestAborted);
        return result == SavedViewResult.Invalid ? BadRequest() : Redirect(Url.Page("Index")! + "?" + query.TrimStart('?'));
    }

    public async Task<IActionResult> OnPostRenameViewAsync(long id, string? name) =>
        await savedViews.RenameAsync(UserId, id, name ?? "", HttpContext.RequestAborted) switch
        {
            SavedViewResult.NotFound => NotFound(),
            SavedViewResult.Invalid => BadRequest(),
            SavedViewResult.NameTaken => StatusCode(StatusCodes.Status409Conflict),
            _ => RedirectToPage("Index"),
        };

    public async Task<IActionResult> OnPostDeleteViewAsync(long id) =>
        await savedViews.DeleteAsync(UserId, id, HttpContext.RequestAborted) ? RedirectToPage("Index") : NotFound();

    public string Label(string status) => StatusLabels.TryGetValue(status, out var label) ? label : status;

    public string? AssigneeName(string? id) => id is null ? null : Staff.GetValueOrDefault(id, id);

    public bool IsShown(string column) => Columns.Any(c => c.Key == column) || CustomColumns.Any(f => CustomKey(f) == column);

    /// <summary>This view with another page or sort.</summary>
    public string Link(int? page = null, string? sort = null, bool? descending = null) => Url.Page("Index")! + QueryOf(page, sort, descending);

    /// <summary>This view exported.</summary>
    public string ExportLink(string format) => Url.Page("Index", "Export")! + "&format=" + format + "&" + ViewQuery;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private string QueryOf(int? page, string? sort, bool? descending)
    {
        var query = new QueryBuilder();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(key, value);
            }
        }

        Add("q", Query);
        Add("register", Register);
        foreach (var status in Statuses.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            query.Add("status", status);
        }

        Add("state", State);
        Add("assignee", Assignee);
        Add("channel", Channel);
        Add("ctype", CustomerType);
        Add("basis", LegalBasis);
        Add("category", Category);
        Add("priority", Priority);
        Add("decision", Decision);
        Add("from", ReceivedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", ReceivedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("due", DueBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Overdue)
        {
            query.Add("overdue", "true");
        }

        query.Add("sort", sort ?? Sort);
        query.Add("desc", (descending ?? Descending) ? "true" : "false");
        if (ColumnKeys.Length > 0)
        {
            foreach (var column in Columns.Count > 0 ? [.. Columns.Select(c => c.Key), .. CustomColumns.Select(CustomKey)] : ColumnKeys)
            {
                query.Add("col", column);
            }
        }

        foreach (var (id, text) in CustomFilterValues)
        {
            query.Add($"cf.{id.ToString(CultureInfo.InvariantCulture)}", text);
        }

        if (page is { } p)
        {
            query.Add("p", p.ToString(CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }

    private ClaimFilter Filter() => new()
    {
        Register = Register, Statuses = Statuses, State = State, Assignee = Assignee, CurrentUserId = UserId,
        Channel = Channel, CustomerType = CustomerType, LegalBasis = LegalBasis, Category = Category, Priority = Priority,
        Decision = Decision,
        ReceivedFrom = ReceivedFrom is { } from ? Deadlines.DeadlineQueries.StartOfDay(clock.Zone, from) : null,
        ReceivedBefore = ReceivedTo is { } to ? Deadlines.DeadlineQueries.StartOfDay(clock.Zone, to.AddDays(1)) : null,
        DueBefore = DueBefore is { } due ? Deadlines.DeadlineQueries.StartOfDay(clock.Zone, due.AddDays(1)) : null,
        Overdue = Overdue, Search = Query, Sort = Sort, Descending = Descending,
        CustomFilters = [.. CustomFields.Where(f => CustomFilterValues.ContainsKey(f.Id))
            .Select(f => (f, new CustomFields.CustomFieldFilter { Contains = CustomFilterValues[f.Id] }))],
        CustomSort = CustomFields.FirstOrDefault(f => CustomKey(f) == Sort),
    };

    private async Task LoadChoicesAsync()
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var registers = await db.Registers.AsNoTracking().Include(r => r.Statuses).OrderBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        Registers = [.. registers.Select(r => (r.Code, r.Name.In(language)))];
        StatusLabels = registers.SelectMany(r => r.Statuses).GroupBy(s => s.Code)
            .ToDictionary(g => g.Key, g => g.First().StaffLabel.In(language));
        Staff = await StaffDirectory.NamesAsync(db, HttpContext.RequestAborted);
        Columns = ClaimGrid.Chosen(ColumnKeys);
        var byRegister = await customFields.ActiveByRegisterAsync(HttpContext.RequestAborted);
        CustomFields = [.. byRegister.Where(r => string.IsNullOrEmpty(Register) || r.Key == Register).SelectMany(r => r.Value)];
        CustomColumns = [.. CustomFields.Where(f => ColumnKeys.Contains(CustomKey(f)))];
        var filters = new Dictionary<int, string>();
        foreach (var field in CustomFields)
        {
            if (Request.Query.TryGetValue($"cf.{field.Id.ToString(CultureInfo.InvariantCulture)}", out var text) && !string.IsNullOrWhiteSpace(text))
            {
                filters[field.Id] = text.ToString().Trim();
            }
        }

        CustomFilterValues = filters;
    }

    public static string DecisionLabel(string code) => CodeLabels.Of<Core.Claims.ClaimDecision>(code);

    public static string ChannelLabel(string code) => CodeLabels.Of<Core.Claims.Channel>(code);
}
