using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Sla;

/// <summary>The SLA policies in the order they are tried; the first whose conditions match a claim applies.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record PolicyRow(
        int Id, string Name, int Order, bool IsActive, string Conditions, string? FirstResponse, string? Decision, string? Resolution,
        string Calendar, string PauseStatuses);

    public IReadOnlyList<PolicyRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var policies = await db.SlaPolicies.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Name)
            .Select(p => new
            {
                Policy = p,
                Customer = db.Customers.Where(c => c.Id == p.CustomerId).Select(c => c.Code).FirstOrDefault(),
                Register = db.Registers.Where(r => r.Id == p.RegisterId).Select(r => r.Code).FirstOrDefault(),
            })
            .ToListAsync();
        Rows = [.. policies.Select(x =>
        {
            var p = x.Policy;
            var conditions = new[]
            {
                p.CustomerTier is null ? null : $"tier = {p.CustomerTier}",
                x.Customer is null ? null : $"customer = {x.Customer}",
                x.Register is null ? null : $"register = {x.Register}",
                p.Category is null ? null : $"category = {p.Category}",
                p.LegalBasis is null ? null : $"legal basis = {p.LegalBasis}",
            };
            return new PolicyRow(p.Id, p.Name, p.SortOrder, p.IsActive, string.Join(" · ", conditions.Where(c => c is not null)),
                Period(p.FirstResponseAmount, p.FirstResponseUnit), Period(p.DecisionAmount, p.DecisionUnit),
                Period(p.ResolutionAmount, p.ResolutionUnit), p.Calendar, string.Join(", ", p.PauseStatuses));
        })];
    }

    private static string? Period(int? amount, string? unit) => amount is { } value ? $"{value} {unit}" : null;
}
