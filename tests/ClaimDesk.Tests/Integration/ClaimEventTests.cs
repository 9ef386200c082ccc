using ClaimDesk.Core.Claims;
using ClaimDesk.Tests.Infrastructure;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimDesk.Tests.Integration;

/// <summary>
/// The features acting on a claim change do so inside its transaction (<see cref="ClaimEventDispatcher"/>): when one of
/// them fails, the change and everything the others added roll back together.
/// </summary>
public sealed class ClaimEventTests
{
    /// <summary>A feature that fails on one kind of event, after the features before it in the round have added their rows.</summary>
    private sealed class FailingOn<TEvent>(Action<IReadOnlyList<RaisedEvent>> seen) : IHandleClaimEvents where TEvent : ClaimEvent
    {
        public int Order => ClaimEventOrder.Systems + 1;

        public Task HandleAsync(IReadOnlyList<RaisedEvent> events, ClaimChangeContext context, CancellationToken cancellationToken)
        {
            seen(events);
            return events.Any(e => e.Event is TEvent) ? throw new InvalidOperationException("A feature failed.") : Task.CompletedTask;
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_feature_that_fails_on_a_new_claim_leaves_no_claim_no_number_and_none_of_the_other_features_rows(DatabaseProvider provider)
    {
        List<ClaimEvent> seen = [];
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database, services: services => services.AddScoped<IHandleClaimEvents>(
            _ => new FailingOn<ClaimBecameVisible>(events => seen.AddRange(events.Select(e => e.Event)))));
        var before = await CountsAsync(app);

        await Assert.ThrowsAsync<InvalidOperationException>(() => TakeAsync(app));

        // The other features had done their part: the deadlines were stored, the staff and the webhooks told.
        Assert.Equal<ClaimEvent>([new ClaimOpened(), new ClaimBecameVisible()], seen);
        Assert.Equal(before, await CountsAsync(app));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_feature_that_fails_on_a_move_leaves_the_claim_where_it_was_with_its_history_and_deadlines_unchanged(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new ClaimDeskFactory(database, services: services => services.AddScoped<IHandleClaimEvents>(
            _ => new FailingOn<ClaimStatusChanged>(_ => { })));
        var claim = await TakeAsync(app);
        var before = await CountsAsync(app);
        var deadlines = await QueryAsync(app, db => db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == claim.Id)
            .OrderBy(d => d.RuleId).Select(d => new { d.RuleId, d.DueAt, d.State }).ToListAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<ClaimCommands>()
                .TransitionAsync(claim.Id, "accepted", TransitionInput.Empty, Manager));
        }

        var after = await QueryAsync(app, db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claim.Id));
        Assert.Equal((claim.Status, ClaimDecision.Pending, claim.Version), (after.Status, after.Decision, after.Version));
        Assert.Equal(before, await CountsAsync(app));
        Assert.Equal(deadlines, await QueryAsync(app, db => db.ClaimDeadlines.AsNoTracking().Where(d => d.ClaimId == claim.Id)
            .OrderBy(d => d.RuleId).Select(d => new { d.RuleId, d.DueAt, d.State }).ToListAsync()));
    }

    private static readonly Actor Manager = new(Actor.UserKind, null, "Manager", [Core.Security.StaffRole.Manager]);

    private static async Task<Claim> TakeAsync(ClaimDeskFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (claim, errors) = await scope.ServiceProvider.GetRequiredService<ClaimIntake>().TakeOneAsync(ApiClients.NewClaimInput(), Manager);
        Assert.Empty(errors);
        return claim!;
    }

    private static async Task<T> QueryAsync<T>(ClaimDeskFactory app, Func<Web.Data.AppDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>());
    }

    /// <summary>The rows a claim change and the features acting on it write, and the number counter.</summary>
    private static Task<(int Claims, int Lines, int Audit, int Deadlines, int Outbox, int Notifications, int Numbers)> CountsAsync(ClaimDeskFactory app) =>
        QueryAsync(app, async db => (
            await db.Claims.CountAsync(), await db.ClaimLines.CountAsync(), await db.AuditEvents.CountAsync(),
            await db.ClaimDeadlines.CountAsync(), await db.OutboxMessages.CountAsync(), await db.Notifications.CountAsync(),
            await db.NumberSequences.SumAsync(n => (int?)n.LastValue) ?? 0));
}
