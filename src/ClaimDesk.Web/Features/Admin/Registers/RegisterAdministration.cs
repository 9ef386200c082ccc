using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClaimDesk.Core.Common;
using ClaimDesk.Core.CustomFields;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Security;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.Admin.Registers;

/// <summary>A register as the pages name it.</summary>
public sealed record RegisterHeader(int Id, string Code, LocalizedText Name);

/// <summary>What became of a save: the register was not found, the form was refused with messages, or it was saved.</summary>
public sealed record RegisterSaveOutcome(bool Found, IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Saved => Found && Errors.Count == 0;
}

/// <summary>
/// Edits a register's names, numbering pattern and workflow for administrators (DESIGN §2: workflows are data). A save
/// is all or nothing: the whole workflow is validated (<see cref="Workflow.Validate"/>), a status that claims are in
/// must survive it, and then the statuses and transitions are replaced in one transaction with every change audited.
/// </summary>
public sealed class RegisterAdministration(
    AppDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> localizer, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public const string Entity = "register";

    private const int NameLength = 200;
    private const int LabelLength = 100;

    public Task<RegisterHeader?> FindAsync(string code) =>
        db.Registers.AsNoTracking().Where(r => r.Code == code)
            .Select(r => new RegisterHeader(r.Id, r.Code, r.Name))
            .SingleOrDefaultAsync();

    public Task<List<AuditEvent>> HistoryAsync(int registerId)
    {
        var id = registerId.ToString(CultureInfo.InvariantCulture);
        return db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == Entity && e.EntityId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(100)
            .ToListAsync();
    }

    /// <summary>
    /// Creates a register of the kind chosen, with the default workflow of that kind (statuses, roles and transitions
    /// to change in the editor afterwards), audited; returns its code, or what is wrong by field.
    /// </summary>
    public async Task<(string? Code, List<(string Field, string Message)> Errors)> CreateAsync(NewRegisterForm form)
    {
        var errors = new List<(string Field, string Message)>();
        var code = Clean(form.Code);
        if (!StatusCode.IsValid(code))
        {
            errors.Add(("Form.Code", localizer["A register code has 1 to 40 lowercase letters, digits and underscores."]));
        }
        else if (await db.Registers.AnyAsync(r => r.Code == code))
        {
            errors.Add(("Form.Code", localizer["There is already a register '{0}'.", code]));
        }

        if (!Codes.TryParse<RegisterKind>(form.Kind, out var kind))
        {
            errors.Add(("Form.Kind", localizer["Choose one of the offered kinds."]));
        }

        var name = new LocalizedText(Clean(form.NameEn), Clean(form.NamePl), Clean(form.NameCs));
        if (name.En.Length == 0)
        {
            errors.Add(("Form.NameEn", localizer["The register needs an English name."]));
        }
        else if (new[] { name.En, name.Pl, name.Cs }.Any(n => n.Length > 200))
        {
            errors.Add(("Form.NameEn", localizer["A name has at most {0} characters.", 200]));
        }

        var pattern = Clean(form.NumberingPattern);
        if (NumberPattern.Problem(pattern) is { } patternProblem)
        {
            errors.Add(("Form.NumberingPattern", localizer[patternProblem]));
        }
        else if (await db.Registers.Where(r => r.NumberingPattern == pattern).Select(r => r.Code).FirstOrDefaultAsync() is { } other)
        {
            errors.Add(("Form.NumberingPattern", localizer["Register '{0}' already numbers its claims with this pattern; the numbers would clash.", other]));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var template = DefaultWorkflows.Create().First(r => r.Kind == kind);
        var register = new Register
        {
            Code = code,
            Kind = kind,
            Name = name,
            NumberingPattern = pattern,
            AcknowledgesIntake = template.AcknowledgesIntake,
            Statuses = template.Statuses,
            Transitions = template.Transitions,
        };
        db.Registers.Add(register);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The code is unique: another administrator created the same one a moment after it was checked.
            db.ChangeTracker.Clear();
            return (null, [("Form.Code", localizer["There is already a register '{0}'.", code])]);
        }

        var id = register.Id.ToString(CultureInfo.InvariantCulture);
        audit.Record(Entity, id, "created", "code", null, code);
        audit.RecordChange(Entity, id, "kind", null, Codes.Of(kind));
        audit.RecordChange(Entity, id, "name_en", null, name.En);
        audit.RecordChange(Entity, id, "numbering_pattern", null, pattern);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Deadlines.ClaimDeadlines.Forget(cache);
        Features.Intake.ClaimIntake.ForgetRegisters(cache);
        return (code, []);
    }

    /// <summary>The form for a register as stored; null when there is no such register.</summary>
    public async Task<RegisterForm?> LoadAsync(string code)
    {
        var register = await db.Registers.AsNoTracking()
            .Include(r => r.Statuses).Include(r => r.Transitions).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Code == code);
        return register is null ? null : ToForm(register);
    }

    public static RegisterForm ToForm(Register register)
    {
        var order = register.Statuses.ToDictionary(s => s.Code, s => s.SortOrder, StringComparer.Ordinal);
        return new RegisterForm
        {
            Fingerprint = Fingerprint(register.Name, register.NumberingPattern, register.AcknowledgesIntake, register.Statuses, register.Transitions),
            NameEn = register.Name.En,
            NamePl = register.Name.Pl,
            NameCs = register.Name.Cs,
            NumberingPattern = register.NumberingPattern,
            AcknowledgesIntake = register.AcknowledgesIntake,
            Statuses = [.. register.Statuses.OrderBy(s => s.SortOrder).ThenBy(s => s.Code, StringComparer.Ordinal).Select(s => new StatusRow
            {
                OriginalCode = s.Code,
                Code = s.Code,
                Category = Codes.Of(s.Category),
                Decision = Codes.Of(s.Decision),
                StaffLabelEn = s.StaffLabel.En,
                StaffLabelPl = s.StaffLabel.Pl,
                StaffLabelCs = s.StaffLabel.Cs,
                CustomerLabelEn = s.CustomerLabel.En,
                CustomerLabelPl = s.CustomerLabel.Pl,
                CustomerLabelCs = s.CustomerLabel.Cs,
                IsInitial = s.IsInitial,
                SlaClockRuns = s.SlaClockRuns,
                HiddenFromQueues = s.HiddenFromQueues,
                Role = Codes.Of(s.Role),
                SortOrder = s.SortOrder.ToString(CultureInfo.InvariantCulture),
            })],
            Transitions = [.. register.Transitions
                .OrderBy(t => order.GetValueOrDefault(t.FromStatus, int.MaxValue)).ThenBy(t => t.FromStatus, StringComparer.Ordinal)
                .ThenBy(t => order.GetValueOrDefault(t.ToStatus, int.MaxValue)).ThenBy(t => t.ToStatus, StringComparer.Ordinal)
                .Select(t => new TransitionRow
                {
                    From = t.FromStatus,
                    To = t.ToStatus,
                    AllowedRoles = [.. t.AllowedRoles],
                    RequiredFields = [.. t.RequiredFields],
                    EffectDocuments = [.. t.EffectDocuments],
                })],
        };
    }

    /// <summary>"Add status": one more empty row, sorted after the others; what was typed stays.</summary>
    public static void AddStatus(RegisterForm form)
    {
        CarryRenames(form);
        var last = form.Statuses.Select(s => int.TryParse(s.SortOrder, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(-1).Max();
        form.Statuses.Add(new StatusRow
        {
            Category = Codes.Of(StatusCategory.Open),
            Decision = Codes.Of(StatusDecision.None),
            SlaClockRuns = true,
            SortOrder = (last + 1).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>"Add transition": one more empty row; what was typed stays.</summary>
    public static void AddTransition(RegisterForm form)
    {
        CarryRenames(form);
        form.Transitions.Add(new TransitionRow());
    }

    /// <summary>
    /// A status given a new code takes its transitions along: the transitions still naming the old code (the lists
    /// offered it when the form was drawn) are pointed at the new one, unless another row now has the old code.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CarryRenames(RegisterForm form)
    {
        var kept = form.Statuses.Where(s => !s.Remove).ToList();
        var codes = kept.Select(s => s.Code?.Trim() ?? "").ToHashSet(StringComparer.Ordinal);
        var renames = kept
            .Where(s => !string.IsNullOrWhiteSpace(s.OriginalCode) && !string.IsNullOrWhiteSpace(s.Code))
            .Select(s => (Old: s.OriginalCode!.Trim(), New: s.Code!.Trim()))
            .Where(r => r.Old != r.New && !codes.Contains(r.Old))
            .GroupBy(r => r.Old, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().New, StringComparer.Ordinal);
        foreach (var transition in form.Transitions)
        {
            transition.From = Renamed(transition.From?.Trim());
            transition.To = Renamed(transition.To?.Trim());
        }

        return renames;

        string? Renamed(string? code) => code is not null && renames.TryGetValue(code, out var renamed) ? renamed : code;
    }

    public async Task<RegisterSaveOutcome> SaveAsync(string code, RegisterForm form)
    {
        var renames = CarryRenames(form);
        var (draft, errors) = Read(form);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var id = await db.Registers.Where(r => r.Code == code).Select(r => (int?)r.Id).SingleOrDefaultAsync();
        if (id is null)
        {
            return new(false, []);
        }

        // Locks the register's row until the end of the transaction, so two administrators saving at once take turns
        // and the second one is measured against what the first one saved.
        await db.Registers.Where(r => r.Id == id).ExecuteUpdateAsync(r => r.SetProperty(x => x.NumberingPattern, x => x.NumberingPattern));
        var register = await db.Registers.SingleAsync(r => r.Id == id);
        var oldStatuses = await db.WorkflowStatuses.AsNoTracking().Where(s => s.RegisterId == id).ToListAsync();
        var oldTransitions = await db.WorkflowTransitions.AsNoTracking().Where(t => t.RegisterId == id).ToListAsync();

        var current = Fingerprint(register.Name, register.NumberingPattern, register.AcknowledgesIntake, oldStatuses, oldTransitions);
        if (!string.Equals(form.Fingerprint, current, StringComparison.Ordinal))
        {
            // Shown once: the form now counts as based on the other save, so saving it again replaces that save.
            form.Fingerprint = current;
            errors.Add(("", localizer["Someone else saved this register meanwhile. Open it again to see their changes; saving this form again replaces them."]));
        }

        if (draft.NumberingPattern.Length > 0 && NumberPattern.Problem(draft.NumberingPattern) is null
            && await db.Registers.Where(r => r.Id != id && r.NumberingPattern == draft.NumberingPattern).Select(r => r.Code).FirstOrDefaultAsync() is { } other)
        {
            errors.Add(("Form.NumberingPattern", localizer["Register '{0}' already numbers its claims with this pattern; the numbers would clash.", other]));
        }

        var workflow = new Workflow(draft.Statuses, draft.Transitions);
        errors.AddRange(workflow.Validate(StaffRole.All).Select(p => ("Form." + Capitalized(p.Field), Localize(p))));
        errors.AddRange(await HeldStatusesAsync(id.Value, oldStatuses, draft.Statuses, renames));
        if (errors.Count > 0)
        {
            return new(true, errors);
        }

        if (Fingerprint(draft.Name, draft.NumberingPattern, draft.AcknowledgesIntake, draft.Statuses, draft.Transitions) != current)
        {
            Audit(id.Value, register, draft, oldStatuses, oldTransitions, renames);
            register.Name = draft.Name;
            register.NumberingPattern = draft.NumberingPattern;
            register.AcknowledgesIntake = draft.AcknowledgesIntake;
            await db.WorkflowTransitions.Where(t => t.RegisterId == id).ExecuteDeleteAsync();
            await db.WorkflowStatuses.Where(s => s.RegisterId == id).ExecuteDeleteAsync();
            draft.Statuses.ForEach(s => s.RegisterId = id.Value);
            draft.Transitions.ForEach(t => t.RegisterId = id.Value);
            db.WorkflowStatuses.AddRange(draft.Statuses);
            db.WorkflowTransitions.AddRange(draft.Transitions);
            await RenameElsewhereAsync(id.Value, renames.Where(r => draft.Statuses.Any(s => s.Code == r.Value)).ToDictionary(StringComparer.Ordinal));
            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();

        // Deadlines read the statuses hidden from queues and the policies' pauses through a cache.
        Deadlines.ClaimDeadlines.Forget(cache);
        Features.Intake.ClaimIntake.ForgetRegisters(cache);
        return new(true, []);
    }

    private sealed record Draft(LocalizedText Name, string NumberingPattern, bool AcknowledgesIntake, List<WorkflowStatus> Statuses,
        List<WorkflowTransition> Transitions);

    /// <summary>The form as a register and workflow, with what cannot be read from it. Removed and blank rows are left out.</summary>
    private (Draft Draft, List<(string Field, string Message)> Errors) Read(RegisterForm form)
    {
        var errors = new List<(string Field, string Message)>();
        var name = new LocalizedText(Clean(form.NameEn), Clean(form.NamePl), Clean(form.NameCs));
        if (name.En.Length == 0)
        {
            errors.Add(("Form.NameEn", localizer["Enter the register's English name."]));
        }

        if (new[] { name.En, name.Pl, name.Cs }.Any(n => n.Length > NameLength))
        {
            errors.Add(("Form.NameEn", localizer["A register name has at most {0} characters.", NameLength]));
        }

        var pattern = Clean(form.NumberingPattern);
        if (NumberPattern.Problem(pattern) is { } patternProblem)
        {
            // The message names the tokens in braces, so it is looked up without formatting.
            errors.Add(("Form.NumberingPattern", localizer[patternProblem]));
        }

        var kept = form.Statuses.Where(s => !s.Remove && !s.IsBlank).ToList();
        var statuses = new List<WorkflowStatus>();
        foreach (var (row, index) in kept.Select((row, index) => (row, index)))
        {
            var code = Clean(row.Code);
            if (!Codes.TryParse<StatusCategory>(row.Category, out var category))
            {
                errors.Add(("Form.Statuses", localizer["Status '{0}': choose one of the offered categories.", code]));
            }

            if (!Codes.TryParse<StatusDecision>(row.Decision, out var decision))
            {
                errors.Add(("Form.Statuses", localizer["Status '{0}': choose one of the offered decisions.", code]));
            }

            if (!Codes.TryParse<StatusRole>(string.IsNullOrWhiteSpace(row.Role) ? Codes.Of(StatusRole.None) : row.Role, out var role))
            {
                errors.Add(("Form.Statuses", localizer["Status '{0}': choose one of the offered roles.", code]));
            }

            var sortOrder = index;
            if (!string.IsNullOrWhiteSpace(row.SortOrder)
                && !int.TryParse(row.SortOrder.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sortOrder))
            {
                errors.Add(("Form.Statuses", localizer["Status '{0}': the sort order must be a whole number.", code]));
            }

            var staff = new LocalizedText(Clean(row.StaffLabelEn), Clean(row.StaffLabelPl), Clean(row.StaffLabelCs));
            var customer = new LocalizedText(Clean(row.CustomerLabelEn), Clean(row.CustomerLabelPl), Clean(row.CustomerLabelCs));
            if (customer.En.Length == 0)
            {
                errors.Add(("Form.Statuses", localizer["Status '{0}' needs an English customer label.", code]));
            }

            if (new[] { staff.En, staff.Pl, staff.Cs, customer.En, customer.Pl, customer.Cs }.Any(l => l.Length > LabelLength))
            {
                errors.Add(("Form.Statuses", localizer["Status '{0}': a label has at most {1} characters.", code, LabelLength]));
            }

            statuses.Add(new WorkflowStatus
            {
                Code = code,
                Category = category,
                Decision = decision,
                StaffLabel = staff,
                CustomerLabel = customer,
                IsInitial = row.IsInitial,
                SlaClockRuns = row.SlaClockRuns,
                HiddenFromQueues = row.HiddenFromQueues,
                Role = role,
                SortOrder = sortOrder,
            });
        }

        // Removing a status removes the transitions from and to it.
        var keptCodes = statuses.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var removedCodes = form.Statuses.Where(s => s.Remove)
            .SelectMany(s => new[] { Clean(s.Code), Clean(s.OriginalCode) })
            .Where(c => c.Length > 0 && !keptCodes.Contains(c))
            .ToHashSet(StringComparer.Ordinal);
        var transitions = form.Transitions
            .Where(t => !t.Remove && !t.IsBlank && !removedCodes.Contains(Clean(t.From)) && !removedCodes.Contains(Clean(t.To)))
            .Select(t => new WorkflowTransition
            {
                FromStatus = Clean(t.From),
                ToStatus = Clean(t.To),
                AllowedRoles = [.. t.AllowedRoles.Distinct(StringComparer.Ordinal).OrderBy(r => Rank(StaffRole.All, r))],
                RequiredFields = [.. t.RequiredFields.Distinct(StringComparer.Ordinal).OrderBy(f => Rank(WorkflowTransition.KnownFields, f))],
                EffectDocuments = [.. t.EffectDocuments.Select(Clean).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            })
            .ToList();
        return (new Draft(name, pattern, form.AcknowledgesIntake, statuses, transitions), errors);
    }

    /// <summary>
    /// A renamed status keeps what refers to it by code: the register's custom fields required on entering it (or on a
    /// move to or from it), and the SLA policies that pause in it. A policy keeps the old code besides the new one:
    /// another register may have a status of that code, and the claims' histories name it, so time a claim spent in
    /// the status before the rename stays paused.
    /// </summary>
    private async Task RenameElsewhereAsync(int registerId, Dictionary<string, string> renames)
    {
        if (renames.Count == 0)
        {
            return;
        }

        string Renamed(string code) => renames.TryGetValue(code, out var to) ? to : code;
        foreach (var field in await db.CustomFields.Where(f => f.RegisterId == registerId).ToListAsync())
        {
            var requiredOn = field.RequiredOn.Select(entry => string.Join(CustomFieldDefinition.Arrow, entry.Split(CustomFieldDefinition.Arrow).Select(Renamed))).ToList();
            if (!requiredOn.SequenceEqual(field.RequiredOn, StringComparer.Ordinal))
            {
                audit.RecordChange(CustomFieldDefinition.EntityType, field.Id.ToString(CultureInfo.InvariantCulture), "required_on",
                    string.Join(", ", field.RequiredOn), string.Join(", ", requiredOn));
                field.RequiredOn = requiredOn;
            }
        }

        foreach (var policy in await db.SlaPolicies.ToListAsync())
        {
            var pauses = policy.PauseStatuses
                .SelectMany(code => renames.TryGetValue(code, out var to) ? [code, to] : new[] { code })
                .Distinct(StringComparer.Ordinal).ToList();
            if (!pauses.SequenceEqual(policy.PauseStatuses, StringComparer.Ordinal))
            {
                audit.RecordChange(Deadlines.StoredSlaPolicy.EntityType, policy.Id.ToString(CultureInfo.InvariantCulture), "pauseStatuses",
                    string.Join(',', policy.PauseStatuses), string.Join(',', pauses));
                policy.PauseStatuses = pauses;
            }
        }
    }

    /// <summary>Every status some claim is in must still exist after the save: claims never point at a missing status.</summary>
    private async Task<List<(string Field, string Message)>> HeldStatusesAsync(
        int registerId, List<WorkflowStatus> oldStatuses, List<WorkflowStatus> newStatuses, IReadOnlyDictionary<string, string> renames)
    {
        var newCodes = newStatuses.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var missing = oldStatuses.Select(s => s.Code).Where(c => !newCodes.Contains(c)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var held = await db.Claims.Where(c => c.RegisterId == registerId && missing.Contains(c.Status))
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync();
        return [.. held.OrderBy(h => h.Status, StringComparer.Ordinal).Select(h => ("Form.Statuses",
            renames.TryGetValue(h.Status, out var renamed) && newCodes.Contains(renamed)
                ? localizer["Status '{0}' cannot be renamed to '{1}': {2} claim(s) are in it.", h.Status, renamed, h.Count].Value
                : localizer["Status '{0}' cannot be removed: {1} claim(s) are in it. Move them to another status first.", h.Status, h.Count].Value))];
    }

    /// <summary>One audit event per change: the register's fields, each status and each transition added, removed or changed.</summary>
    private void Audit(int registerId, Register register, Draft draft, List<WorkflowStatus> oldStatuses,
        List<WorkflowTransition> oldTransitions, IReadOnlyDictionary<string, string> renames)
    {
        var id = registerId.ToString(CultureInfo.InvariantCulture);
        audit.RecordChange(Entity, id, "name_en", register.Name.En, draft.Name.En);
        audit.RecordChange(Entity, id, "name_pl", register.Name.Pl, draft.Name.Pl);
        audit.RecordChange(Entity, id, "name_cs", register.Name.Cs, draft.Name.Cs);
        audit.RecordChange(Entity, id, "numbering_pattern", register.NumberingPattern, draft.NumberingPattern);
        audit.RecordChange(Entity, id, "acknowledges_intake", register.AcknowledgesIntake ? "yes" : "no", draft.AcknowledgesIntake ? "yes" : "no");

        // An old status is compared with the new status of the same code, or with the one it was renamed to. An old
        // status whose code another status took over by a rename has no counterpart: it was removed.
        var newCodes = draft.Statuses.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var renamed = renames.Where(r => newCodes.Contains(r.Value)).ToDictionary(StringComparer.Ordinal);
        var takenOver = renamed.Values.ToHashSet(StringComparer.Ordinal);
        string Now(string code) =>
            renamed.TryGetValue(code, out var to) ? to : takenOver.Contains(code) ? "\0removed:" + code : code;
        var before = oldStatuses.ToDictionary(s => Now(s.Code), StringComparer.Ordinal);
        foreach (var old in oldStatuses.Where(s => !newCodes.Contains(Now(s.Code))))
        {
            audit.Record(Entity, id, "status_removed", "status " + old.Code, Describe(old), null);
        }

        foreach (var status in draft.Statuses)
        {
            if (!before.TryGetValue(status.Code, out var old))
            {
                audit.Record(Entity, id, "status_added", "status " + status.Code, null, Describe(status));
                continue;
            }

            if (old.Code != status.Code)
            {
                audit.Record(Entity, id, "status_renamed", "status " + old.Code, old.Code, status.Code);
            }

            foreach (var (field, oldValue, newValue) in Properties(old).Zip(Properties(status), (o, n) => (o.Field, o.Value, n.Value)))
            {
                if (oldValue != newValue)
                {
                    audit.Record(Entity, id, "status_changed", $"status {status.Code} {field}", oldValue, newValue);
                }
            }
        }

        var previous = oldTransitions.ToDictionary(t => (Now(t.FromStatus), Now(t.ToStatus)));
        var next = draft.Transitions.ToDictionary(t => (t.FromStatus, t.ToStatus));
        foreach (var old in previous.Where(p => !next.ContainsKey(p.Key)).Select(p => p.Value))
        {
            audit.Record(Entity, id, "transition_removed", $"transition {old.FromStatus} → {old.ToStatus}", Describe(old), null);
        }

        foreach (var ((from, to), transition) in next)
        {
            if (!previous.TryGetValue((from, to), out var old))
            {
                audit.Record(Entity, id, "transition_added", $"transition {from} → {to}", null, Describe(transition));
            }
            else if (Describe(old) != Describe(transition))
            {
                audit.Record(Entity, id, "transition_changed", $"transition {from} → {to}", Describe(old), Describe(transition));
            }
        }
    }

    private static IEnumerable<(string Field, string Value)> Properties(WorkflowStatus s) =>
    [
        ("category", Codes.Of(s.Category)),
        ("decision", Codes.Of(s.Decision)),
        ("staff_label_en", s.StaffLabel.En),
        ("staff_label_pl", s.StaffLabel.Pl),
        ("staff_label_cs", s.StaffLabel.Cs),
        ("customer_label_en", s.CustomerLabel.En),
        ("customer_label_pl", s.CustomerLabel.Pl),
        ("customer_label_cs", s.CustomerLabel.Cs),
        ("initial", Flag(s.IsInitial)),
        ("sla_clock_runs", Flag(s.SlaClockRuns)),
        ("hidden_from_queues", Flag(s.HiddenFromQueues)),
        ("role", Codes.Of(s.Role)),
        ("sort_order", s.SortOrder.ToString(CultureInfo.InvariantCulture)),
    ];

    private static string Describe(WorkflowStatus s) => string.Join("; ", Properties(s).Select(p => $"{p.Field}: {p.Value}"));

    private static string Describe(WorkflowTransition t) =>
        $"roles: {string.Join(", ", t.AllowedRoles.Order(StringComparer.Ordinal))}; fields: {string.Join(", ", t.RequiredFields.Order(StringComparer.Ordinal))}"
        + (t.EffectDocuments.Count > 0 ? $"; documents: {string.Join(", ", t.EffectDocuments.Order(StringComparer.Ordinal))}" : "");

    /// <summary>A digest of everything the form edits, independent of row order, to tell whether it changed.</summary>
    private static string Fingerprint(LocalizedText name, string pattern, bool acknowledges, IEnumerable<WorkflowStatus> statuses,
        IEnumerable<WorkflowTransition> transitions)
    {
        var text = new StringBuilder();
        text.Append(name.En).Append('\n').Append(name.Pl).Append('\n').Append(name.Cs).Append('\n').Append(pattern).Append('\n')
            .Append(acknowledges ? "acknowledges" : "silent").Append('\n');
        foreach (var status in statuses.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            text.Append(status.Code).Append('\n').Append(Describe(status)).Append('\n');
        }

        foreach (var transition in transitions.OrderBy(t => t.FromStatus, StringComparer.Ordinal).ThenBy(t => t.ToStatus, StringComparer.Ordinal))
        {
            text.Append(transition.FromStatus).Append('→').Append(transition.ToStatus).Append(' ').Append(Describe(transition)).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The workflow's messages come from Core as English keys; those without arguments are not formatted.</summary>
    private string Localize(WorkflowProblem problem) =>
        problem.Arguments.Length == 0 ? localizer[problem.Message] : localizer[problem.Message, problem.Arguments];

    private static string Capitalized(string field) =>
        field.Length == 0 ? field : string.Concat(field[..1].ToUpperInvariant(), field[1..]);

    private static int Rank(IReadOnlyList<string> order, string value)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == value)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static string Clean(string? text) => text?.Trim() ?? "";

    private static string Flag(bool value) => value ? "yes" : "no";
}
