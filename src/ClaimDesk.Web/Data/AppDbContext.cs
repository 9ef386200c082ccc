using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Customers;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Workflows;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Web.Data;

/// <summary>
/// The one EF Core context, for SQLite and PostgreSQL alike. The schema is not created by EF: numbered SQL scripts
/// under Data/Migrations are applied by <see cref="SchemaMigrator"/>, and a test proves they match this model.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Register> Registers => Set<Register>();

    public DbSet<WorkflowStatus> WorkflowStatuses => Set<WorkflowStatus>();

    public DbSet<WorkflowTransition> WorkflowTransitions => Set<WorkflowTransition>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Core.MasterData.Supplier> Suppliers => Set<Core.MasterData.Supplier>();

    public DbSet<Core.MasterData.Product> Products => Set<Core.MasterData.Product>();

    public DbSet<Core.MasterData.SalesDocument> SalesDocuments => Set<Core.MasterData.SalesDocument>();

    public DbSet<Core.MasterData.SalesDocumentLine> SalesDocumentLines => Set<Core.MasterData.SalesDocumentLine>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<Core.CustomFields.CustomFieldDefinition> CustomFields => Set<Core.CustomFields.CustomFieldDefinition>();

    public DbSet<Core.CustomFields.ClaimCustomValue> ClaimCustomValues => Set<Core.CustomFields.ClaimCustomValue>();

    public DbSet<ClaimLine> ClaimLines => Set<ClaimLine>();

    public DbSet<ClaimCost> ClaimCosts => Set<ClaimCost>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<OutboxAttachment> OutboxAttachments => Set<OutboxAttachment>();

    public DbSet<Features.Intake.Submission> Submissions => Set<Features.Intake.Submission>();

    public DbSet<Features.Intake.SubmissionClaim> SubmissionClaims => Set<Features.Intake.SubmissionClaim>();

    public DbSet<Features.Intake.AccessToken> AccessTokens => Set<Features.Intake.AccessToken>();

    public DbSet<Features.Intake.PendingUpload> PendingUploads => Set<Features.Intake.PendingUpload>();

    public DbSet<Features.Claims.ClaimMessage> ClaimMessages => Set<Features.Claims.ClaimMessage>();

    public DbSet<Features.Search.ClaimSearchDocument> ClaimSearch => Set<Features.Search.ClaimSearchDocument>();

    public DbSet<Core.Assignment.Team> Teams => Set<Core.Assignment.Team>();

    public DbSet<Core.Assignment.AssignmentRule> AssignmentRules => Set<Core.Assignment.AssignmentRule>();

    public DbSet<Features.Claims.ClaimAttachment> ClaimAttachments => Set<Features.Claims.ClaimAttachment>();

    public DbSet<Features.Notifications.NotificationRule> NotificationRules => Set<Features.Notifications.NotificationRule>();

    public DbSet<Features.Notifications.NotificationTemplate> NotificationTemplates => Set<Features.Notifications.NotificationTemplate>();

    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Deadlines.StoredSlaPolicy> SlaPolicies => Set<Features.Deadlines.StoredSlaPolicy>();

    public DbSet<Features.Deadlines.StoredDeadline> ClaimDeadlines => Set<Features.Deadlines.StoredDeadline>();

    public DbSet<Features.Webhooks.Webhook> Webhooks => Set<Features.Webhooks.Webhook>();

    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();

    public DbSet<Features.Claims.SavedView> SavedViews => Set<Features.Claims.SavedView>();

    public DbSet<Core.Tasks.TaskTemplate> TaskTemplates => Set<Core.Tasks.TaskTemplate>();

    public DbSet<Core.Tasks.ClaimTask> ClaimTasks => Set<Core.Tasks.ClaimTask>();

    public DbSet<Core.Approvals.ApprovalRule> ApprovalRules => Set<Core.Approvals.ApprovalRule>();

    public DbSet<Core.Repairs.RepairQuote> RepairQuotes => Set<Core.Repairs.RepairQuote>();

    /// <summary>Every timestamp is UTC; SQLite hands them back unspecified, so they are marked UTC when read.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The roles table is named before the rest is configured: the snake_case naming convention names role_claims'
        // foreign key after the roles table as it is called when role_claims is configured, and does not rename it later.
        builder.ApplyConfiguration(new IdentityRoleConfiguration());
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, type => type != typeof(IdentityRoleConfiguration));
    }
}
