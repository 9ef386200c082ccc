using ClaimDesk.Core.Assignment;
using ClaimDesk.Core.Claims;
using ClaimDesk.Core.Registers;
using ClaimDesk.Core.Tasks;
using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClaimDesk.Web.Features.Tasks;

/// <summary>How task templates map to the table <c>task_templates</c>.</summary>
public sealed class TaskTemplateConfiguration : IEntityTypeConfiguration<TaskTemplate>
{
    public void Configure(EntityTypeBuilder<TaskTemplate> builder)
    {
        builder.ToTable("task_templates");
        builder.Property(t => t.StatusCode).HasMaxLength(40);
        builder.Property(t => t.Role).HasMaxLength(40);
        EntityMapping.Text(builder.ComplexProperty(t => t.Title), TaskTemplate.TitleLength);
        builder.HasOne<Register>().WithMany().HasForeignKey(t => t.RegisterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.RegisterId, t.StatusCode });
    }
}

/// <summary>How claims' tasks map to the table <c>claim_tasks</c>.</summary>
public sealed class ClaimTaskConfiguration : IEntityTypeConfiguration<ClaimTask>
{
    public void Configure(EntityTypeBuilder<ClaimTask> builder)
    {
        builder.ToTable("claim_tasks");
        builder.Property(t => t.StatusCode).HasMaxLength(40);
        builder.Property(t => t.AssigneeId).HasMaxLength(450);
        builder.Property(t => t.Role).HasMaxLength(40);
        builder.Property(t => t.DoneById).HasMaxLength(450);
        builder.Property(t => t.DoneByName).HasMaxLength(256);
        EntityMapping.Text(builder.ComplexProperty(t => t.Title), TaskTemplate.TitleLength);
        builder.HasOne<Claim>().WithMany().HasForeignKey(t => t.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TaskTemplate>().WithMany().HasForeignKey(t => t.TemplateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(t => t.AssigneeId);
        builder.HasIndex(t => t.DueAt);
        builder.Ignore(t => t.IsDone);
    }
}
