using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Sla;

/// <summary>The SLA policies in the order they are tried; the first whose conditions match a claim applies.</summary>
public sealed class IndexModel(AppDbContext db, Microsoft.Extensions.Options.IOptions<Infrastructure.ClaimDeskOptions> options) : PageModel
{
    public sealed record PolicyRow(
        int Id, string Name, int Order, bool IsActive, IReadOnlyList<(string Field, string Value)> Conditions, string? FirstResponse, string? Decision, string? Resolution,
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
            // Named as the audit names the policy's fields, so the page and the history label them alike (AuditText).
            var conditions = new (string Field, string? Value)[]
            {
                ("customerTier", p.CustomerTier), ("customer", x.Customer), ("register", x.Register), ("category", p.Category),
                ("legalBasis", p.LegalBasis),
                ("valueAbove", p.ValueAbove is { } value ? Infrastructure.AmountText.Show(value, options.Value.Organisation.Currency) : null),
                ("costTotalAbove", p.CostTotalAbove is { } cost ? Infrastructure.AmountText.Show(cost, options.Value.Organisation.Currency) : null),
            };
            return new PolicyRow(p.Id, p.Name, p.SortOrder, p.IsActive, [.. conditions.Where(c => c.Value is not null).Select(c => (c.Field, c.Value!))],
                Period(p.FirstResponseAmount, p.FirstResponseUnit), Period(p.DecisionAmount, p.DecisionUnit),
                Period(p.ResolutionAmount, p.ResolutionUnit), p.Calendar, string.Join(", ", p.PauseStatuses));
        })];
    }

    private static string? Period(int? amount, string? unit) => amount is { } value ? $"{value} {unit}" : null;
}
