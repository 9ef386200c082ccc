using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.Deadlines;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Deadlines;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Features.Admin.Sla;

/// <summary>
/// Administrators' SLA policies: validated, saved with one audit event per changed field, and then every open claim
/// recomputed (in batches, <see cref="ClaimDeadlines.RecomputeAllOpenAsync"/>) so its due times follow the policy.
/// </summary>
public sealed class SlaPolicyAdministration(AppDbContext db, AuditTrail audit, OrganisationClock clock, ClaimDeadlines deadlines)
{
    public const int MaxDays = 366;
    public const int MaxHours = 24 * MaxDays;
    public const int MaxOrder = 1_000_000;

    public static IReadOnlyList<string> Units { get; } = Codes.All<PeriodUnit>();

    public static SlaPolicyForm FormOf(StoredSlaPolicy policy, string? customerCode, string? registerCode) => new()
    {
        Name = policy.Name,
        Order = policy.SortOrder.ToString(CultureInfo.InvariantCulture),
        IsActive = policy.IsActive,
        CustomerTier = policy.CustomerTier,
        CustomerCode = customerCode,
        Register = registerCode,
        Category = policy.Category,
        LegalBasis = policy.LegalBasis,
        ValueAbove = AmountText.Edit(policy.ValueAbove),
        CostTotalAbove = AmountText.Edit(policy.CostTotalAbove),
        FirstResponseAmount = Amount(policy.FirstResponseAmount),
        FirstResponseUnit = policy.FirstResponseUnit ?? Codes.Of(PeriodUnit.CalendarDays),
        DecisionAmount = Amount(policy.DecisionAmount),
        DecisionUnit = policy.DecisionUnit ?? Codes.Of(PeriodUnit.CalendarDays),
        ResolutionAmount = Amount(policy.ResolutionAmount),
        ResolutionUnit = policy.ResolutionUnit ?? Codes.Of(PeriodUnit.CalendarDays),
        Calendar = policy.Calendar,
        PauseStatuses = [.. policy.PauseStatuses],
    };

    /// <summary>
    /// Creates (<paramref name="id"/> null) or changes a policy; returns its id, or the field errors (field names as the
    /// form's, <c>Form.Name</c> …) with nothing saved.
    /// </summary>
    public async Task<(int? Id, IReadOnlyList<FieldError> Errors)> SaveAsync(int? id, SlaPolicyForm form, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        var name = form.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new FieldError("Form.Name", "This field is required."));
        }
        else if (name.Length > StoredSlaPolicy.NameLength)
        {
            errors.Add(new FieldError("Form.Name", "At most {0} characters.", StoredSlaPolicy.NameLength));
        }
        else if (await db.SlaPolicies.AnyAsync(p => p.Name == name && p.Id != (id ?? 0), cancellationToken))
        {
            errors.Add(new FieldError("Form.Name", "Another SLA policy is called {0}.", name));
        }

        var order = Number(form.Order, 0, MaxOrder, "Form.Order", errors) ?? 0;
        var tier = Blank(form.CustomerTier);
        if (tier is { Length: > 40 })
        {
            errors.Add(new FieldError("Form.CustomerTier", "At most {0} characters.", 40));
        }

        long? customerId = null;
        if (Blank(form.CustomerCode) is { } customerCode)
        {
            customerId = await db.Customers.Where(c => c.Code == customerCode).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
            if (customerId is null)
            {
                errors.Add(new FieldError("Form.CustomerCode", "There is no customer '{0}'.", customerCode));
            }
        }

        int? registerId = null;
        if (Blank(form.Register) is { } registerCode)
        {
            registerId = await db.Registers.Where(r => r.Code == registerCode).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
            if (registerId is null)
            {
                errors.Add(new FieldError("Form.Register", "There is no register '{0}'.", registerCode));
            }
        }

        var category = Code<ClaimCategory>(form.Category, "Form.Category", errors);
        var legalBasis = Code<LegalBasis>(form.LegalBasis, "Form.LegalBasis", errors);
        var valueAbove = AmountText.Parse(form.ValueAbove, "Form.ValueAbove", errors);
        var costTotalAbove = AmountText.Parse(form.CostTotalAbove, "Form.CostTotalAbove", errors);
        var firstResponse = Target(form.FirstResponseAmount, form.FirstResponseUnit, "Form.FirstResponseAmount", errors);
        var decision = Target(form.DecisionAmount, form.DecisionUnit, "Form.DecisionAmount", errors);
        var resolution = Target(form.ResolutionAmount, form.ResolutionUnit, "Form.ResolutionAmount", errors);
        if (firstResponse.Amount is null && decision.Amount is null && resolution.Amount is null
            && !errors.Any(e => e.Field.EndsWith("Amount", StringComparison.Ordinal)))
        {
            errors.Add(new FieldError("Form.ResolutionAmount", "Give at least one target: first response, decision or resolution."));
        }

        var calendar = Code<Jurisdiction>(form.Calendar, "Form.Calendar", errors) ?? Codes.Of(Jurisdiction.Pl);
        var known = await db.WorkflowStatuses.Select(s => s.Code).Distinct().ToListAsync(cancellationToken);
        var pauses = form.PauseStatuses.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var unknown in pauses.Where(p => !known.Contains(p)))
        {
            errors.Add(new FieldError("Form.PauseStatuses", "There is no status '{0}'.", unknown));
        }

        if (string.Join(',', pauses).Length > 400)
        {
            errors.Add(new FieldError("Form.PauseStatuses", "Too many pause statuses."));
        }

        StoredSlaPolicy? policy = null;
        if (id is { } existing)
        {
            policy = await db.SlaPolicies.SingleOrDefaultAsync(p => p.Id == existing, cancellationToken);
            if (policy is null)
            {
                errors.Add(new FieldError("", "The SLA policy does not exist."));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var oldCustomer = policy?.CustomerId is { } oldCustomerId
            ? await db.Customers.Where(c => c.Id == oldCustomerId).Select(c => c.Code).SingleOrDefaultAsync(cancellationToken)
            : null;
        var oldRegister = policy?.RegisterId is { } oldRegisterId
            ? await db.Registers.Where(r => r.Id == oldRegisterId).Select(r => r.Code).SingleOrDefaultAsync(cancellationToken)
            : null;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var creating = policy is null;
            policy ??= db.SlaPolicies.Add(new StoredSlaPolicy()).Entity;
            var log = new ChangeLog();
            string Key() => policy.Id.ToString(CultureInfo.InvariantCulture);
            var changes = new List<(string Field, string? Old, string? New)>
            {
                ("name", policy.Name, name),
                ("order", creating ? null : policy.SortOrder.ToString(CultureInfo.InvariantCulture), order.ToString(CultureInfo.InvariantCulture)),
                ("active", creating ? null : YesNo(policy.IsActive), YesNo(form.IsActive)),
                ("customerTier", policy.CustomerTier, tier),
                ("customer", oldCustomer, Blank(form.CustomerCode)),
                ("register", oldRegister, Blank(form.Register)),
                ("category", policy.Category, category),
                ("legalBasis", policy.LegalBasis, legalBasis),
                ("valueAbove", AmountText.Edit(policy.ValueAbove), AmountText.Edit(valueAbove)),
                ("costTotalAbove", AmountText.Edit(policy.CostTotalAbove), AmountText.Edit(costTotalAbove)),
                ("firstResponse", Period(policy.FirstResponseAmount, policy.FirstResponseUnit), Period(firstResponse.Amount, firstResponse.Unit)),
                ("decision", Period(policy.DecisionAmount, policy.DecisionUnit), Period(decision.Amount, decision.Unit)),
                ("resolution", Period(policy.ResolutionAmount, policy.ResolutionUnit), Period(resolution.Amount, resolution.Unit)),
                ("calendar", creating ? null : policy.Calendar, calendar),
                ("pauseStatuses", creating ? null : string.Join(',', policy.PauseStatuses), string.Join(',', pauses)),
            };
            policy.Name = name;
            policy.SortOrder = order;
            policy.IsActive = form.IsActive;
            policy.CustomerTier = tier;
            policy.CustomerId = customerId;
            policy.RegisterId = registerId;
            policy.Category = category;
            policy.LegalBasis = legalBasis;
            policy.ValueAbove = valueAbove;
            policy.CostTotalAbove = costTotalAbove;
            (policy.FirstResponseAmount, policy.FirstResponseUnit) = firstResponse;
            (policy.DecisionAmount, policy.DecisionUnit) = decision;
            (policy.ResolutionAmount, policy.ResolutionUnit) = resolution;
            policy.Calendar = calendar;
            policy.PauseStatuses = pauses;
            policy.UpdatedAt = clock.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
            if (creating)
            {
                log.Add(new Change(StoredSlaPolicy.EntityType, Key(), "created", "name", null, name));
            }

            foreach (var (field, old, value) in changes.Where(c => !creating || c.Field != "name"))
            {
                log.Field(StoredSlaPolicy.EntityType, Key(), field, old, value);
            }

            audit.Record(log, actor);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        deadlines.ForgetReference();
        await deadlines.RecomputeAllOpenAsync(actor, cancellationToken);
        return (policy!.Id, []);
    }

    private static string? Amount(int? amount) => amount?.ToString(CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string? Period(int? amount, string? unit) => amount is { } value ? $"{value} {unit}" : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static int? Number(string? text, int min, int max, string field, List<FieldError> errors)
    {
        if (Blank(text) is not { } value)
        {
            errors.Add(new FieldError(field, "This field is required."));
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add(new FieldError(field, "Enter a whole number from {0} to {1}.", min, max));
            return null;
        }

        return number;
    }

    private static string? Code<TEnum>(string? text, string field, List<FieldError> errors) where TEnum : struct, Enum
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        if (Codes.TryParse<TEnum>(value, out var parsed))
        {
            return Codes.Of(parsed);
        }

        errors.Add(new FieldError(field, "Choose one of: {0}.", string.Join(", ", Codes.All<TEnum>())));
        return null;
    }

    private static (int? Amount, string? Unit) Target(string? amount, string? unit, string field, List<FieldError> errors)
    {
        if (Blank(amount) is null)
        {
            return (null, null);
        }

        var parsedUnit = Code<PeriodUnit>(unit ?? Codes.Of(PeriodUnit.CalendarDays), field, errors);
        var max = parsedUnit == Codes.Of(PeriodUnit.Hours) ? MaxHours : MaxDays;
        var value = Number(amount, 1, max, field, errors);
        return value is null || parsedUnit is null ? (null, null) : (value, parsedUnit);
    }
}
