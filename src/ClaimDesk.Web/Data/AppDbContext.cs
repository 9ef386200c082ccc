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

        builder.Entity<AppUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.Language).HasMaxLength(5);
            user.HasIndex(u => u.CreatedAt);
            user.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ux_users_normalized_user_name").IsUnique();
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ux_users_normalized_email").IsUnique();
        });
        builder.Entity<IdentityRole>(role =>
        {
            role.ToTable("roles");
            role.HasIndex(r => r.NormalizedName).HasDatabaseName("ux_roles_normalized_name").IsUnique();
        });
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");

        builder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("audit_events");
            audit.Property(a => a.ActorType).HasMaxLength(20);
            audit.Property(a => a.ActorId).HasMaxLength(100);
            audit.Property(a => a.ActorName).HasMaxLength(256);
            audit.Property(a => a.EntityType).HasMaxLength(50);
            audit.Property(a => a.EntityId).HasMaxLength(100);
            audit.Property(a => a.Action).HasMaxLength(50);
            audit.Property(a => a.Field).HasMaxLength(100);
            audit.Property(a => a.RemoteAddress).HasMaxLength(64);
            audit.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        });

        ClaimModel.Configure(builder);
        MasterDataModel.Configure(builder);
        PortalModel.Configure(builder);
        OutboxModel.Configure(builder);
        Features.Intake.IntakeModel.Configure(builder);
        Features.Search.ClaimSearchModel.Configure(builder);
        Features.Assignment.AssignmentModel.Configure(builder);
        Features.Notifications.NotificationModel.Configure(builder);
        Features.Deadlines.DeadlineModel.Configure(builder);
        Features.Webhooks.WebhookModel.Configure(builder);
        Features.CustomFields.CustomFieldModel.Configure(builder);
        Features.Claims.SavedViewModel.Configure(builder);
    }
}
