using System.Linq.Expressions;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Infrastructure;

namespace ClaimDesk.Web.Features.Claims;

/// <summary>A claim as a grid row (and an exported line): the value of every column the grid offers.</summary>
public sealed record ClaimGridRow(
    long Id, string Number, string Register, string Status, string Decision, string Channel, string ContactName,
    string? CustomerName, int LineCount, DateTime ReceivedAt, DateTime UpdatedAt, string? AssigneeId, string? AssigneeName,
    string Priority, decimal Value, DateTime? NextDueAt, string Category, string LegalBasis);

/// <summary>How a cell is shown and exported.</summary>
public enum GridCellKind
{
    /// <summary>Plain text.</summary>
    Text,

    /// <summary>The claim number, a link to the card.</summary>
    Number,

    /// <summary>A code of <see cref="GridColumn.CodeLabel"/>'s list, shown by its label.</summary>
    Code,

    /// <summary>A workflow status, shown by its staff label.</summary>
    Status,

    /// <summary>A UTC instant, shown as the organisation's local date.</summary>
    Date,

    /// <summary>A UTC instant, shown as the organisation's local date and time.</summary>
    DateTime,

    /// <summary>A whole number.</summary>
    Count,

    /// <summary>An amount of money.</summary>
    Money,
}

/// <summary>
/// One column of the claim grid: its query-string key, its English label (the localization key), how its cells are
/// shown, its value in a row, and how the grid sorts by it in SQL (null: not sortable).
/// </summary>
public sealed record GridColumn(
    string Key, string Label, GridCellKind Kind, Func<ClaimGridRow, object?> Value, ClaimGrid.SortBy? Sort,
    Func<string, string>? CodeLabel = null);

/// <summary>A built-in view: a named query string every user has (issue 7).</summary>
public sealed record BuiltInView(string Key, string Label, string Query);

/// <summary>
/// The claim grid's columns and built-in views: the one place the page, the column chooser, sorting and the export
/// read them from. Custom fields (issue 7, built separately) add their columns here, to <see cref="Columns"/>, and
/// their filters to <see cref="ClaimFilter"/>/<see cref="ClaimQueries.Filtered"/>.
/// </summary>
public static class ClaimGrid
{
    /// <summary>Sorts claims by a column, ascending or descending, with the id as the last key so pages never overlap.</summary>
    public delegate IOrderedQueryable<Claim> SortBy(IQueryable<Claim> claims, bool descending, Data.AppDbContext db, DatabaseProvider provider);

    /// <summary>The columns shown when the query string names none: the claim list as it was before the grid.</summary>
    public static IReadOnlyList<string> DefaultColumns { get; } =
        ["number", "received", "contact", "channel", "items", "status", "decision", "updated", "due"];

    /// <summary>Every column, in the order the grid shows them: the default ones first, as the claim list had them.</summary>
    public static IReadOnlyList<GridColumn> Columns { get; } =
    [
        new GridColumn("number", "Number", GridCellKind.Number, r => r.Number, By(c => c.Number)),
        new GridColumn("received", "Received", GridCellKind.Date, r => r.ReceivedAt, By(c => c.ReceivedAt)),
        new GridColumn("contact", "Contact", GridCellKind.Text, r => r.ContactName, By(c => c.ContactName)),
        new GridColumn("channel", "Channel", GridCellKind.Code, r => r.Channel, By(c => c.Channel), CodeLabels.Of<Channel>),
        new GridColumn("items", "Items", GridCellKind.Count, r => r.LineCount, By(c => c.Lines.Count)),
        new GridColumn("status", "Status", GridCellKind.Status, r => r.Status, By(c => c.Status)),
        new GridColumn("decision", "Decision", GridCellKind.Code, r => r.Decision, By(c => c.Decision), CodeLabels.Of<ClaimDecision>),
        new GridColumn("updated", "Updated", GridCellKind.DateTime, r => r.UpdatedAt, By(c => c.UpdatedAt)),
        new GridColumn("due", "Due", GridCellKind.DateTime, r => r.NextDueAt, SortByDue),
        new GridColumn("register", "Register", GridCellKind.Text, r => r.Register, By(c => c.Register!.Code)),
        new GridColumn("customer", "Customer", GridCellKind.Text, r => r.CustomerName, By(c => c.Customer!.Name)),
        new GridColumn("assignee", "Assignee", GridCellKind.Text, r => r.AssigneeName, SortByAssignee),
        new GridColumn("priority", "Priority", GridCellKind.Code, r => r.Priority,
            By(c => c.Priority == Priority.Low ? 0 : c.Priority == Priority.Normal ? 1 : c.Priority == Priority.High ? 2 : 3),
            CodeLabels.Of<Priority>),
        // SQLite cannot order by decimal (stored as text); the amount as a real orders the same for two decimals.
        new GridColumn("value", "Value", GridCellKind.Money, r => r.Value, By(c => (double)c.Value)),
        new GridColumn("category", "Category", GridCellKind.Code, r => r.Category, By(c => c.Category), CodeLabels.Of<ClaimCategory>),
        new GridColumn("legal_basis", "Legal basis", GridCellKind.Code, r => r.LegalBasis, By(c => c.LegalBasis), CodeLabels.Of<LegalBasis>),
    ];

    /// <summary>The built-in views; their query strings are links like any saved view.</summary>
    public static IReadOnlyList<BuiltInView> Views { get; } =
    [
        new BuiltInView("mine", "My claims", "assignee=me&state=open&sort=due&desc=false"),
        new BuiltInView("unassigned", "Unassigned", "assignee=none&state=open&sort=received&desc=false"),
        new BuiltInView("overdue", "Overdue", "overdue=true&sort=due&desc=false"),
        new BuiltInView("archive", "Archive", "state=closed&sort=updated&desc=true"),
    ];

    public static GridColumn? Column(string? key) => Columns.FirstOrDefault(c => c.Key == key);

    /// <summary>The known columns among <paramref name="keys"/>, in the grid's order; the default ones when none is known.</summary>
    public static IReadOnlyList<GridColumn> Chosen(IEnumerable<string>? keys)
    {
        var wanted = (keys ?? []).SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        var chosen = Columns.Where(c => wanted.Contains(c.Key)).ToList();
        return chosen.Count > 0 ? chosen : [.. Columns.Where(c => DefaultColumns.Contains(c.Key))];
    }

    /// <summary>Sorts by the column <paramref name="key"/>; by receipt when the key is unknown or the column not sortable.</summary>
    public static IOrderedQueryable<Claim> Sort(IQueryable<Claim> claims, string? key, bool descending, Data.AppDbContext db, DatabaseProvider provider) =>
        (Column(key)?.Sort ?? By(c => c.ReceivedAt))(claims, descending, db, provider);

    private static SortBy By<TKey>(Expression<Func<Claim, TKey>> key) =>
        (claims, descending, _, _) => descending
            ? claims.OrderByDescending(key).ThenByDescending(c => c.Id)
            : claims.OrderBy(key).ThenBy(c => c.Id);

    /// <summary>
    /// Earliest due first; claims with no running deadline last either way. PostgreSQL puts NULLs last in ascending
    /// order by itself, so the plain <c>ORDER BY next_due_at, id</c> there can walk the (status, assignee, due) index.
    /// </summary>
    private static IOrderedQueryable<Claim> SortByDue(IQueryable<Claim> claims, bool descending, Data.AppDbContext db, DatabaseProvider provider) =>
        (descending, provider) switch
        {
            (false, DatabaseProvider.Postgres) => claims.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id),
            (false, _) => claims.OrderBy(c => c.NextDueAt == null).ThenBy(c => c.NextDueAt).ThenBy(c => c.Id),
            _ => claims.OrderBy(c => c.NextDueAt == null).ThenByDescending(c => c.NextDueAt).ThenByDescending(c => c.Id),
        };

    /// <summary>By the assignee's display name; unassigned claims last either way.</summary>
    private static IOrderedQueryable<Claim> SortByAssignee(IQueryable<Claim> claims, bool descending, Data.AppDbContext db, DatabaseProvider provider)
    {
        var sorted = claims.OrderBy(c => c.AssigneeId == null);
        return descending
            ? sorted.ThenByDescending(c => db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault()).ThenByDescending(c => c.Id)
            : sorted.ThenBy(c => db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault()).ThenBy(c => c.Id);
    }
}
