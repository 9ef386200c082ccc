using ClaimDesk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Infrastructure.Mail;

/// <summary>
/// Sends what the outbox holds (e-mail through <see cref="MailTransport"/>, SMS through <see cref="Sms.ISmsSender"/>,
/// other kinds, such as webhook deliveries, through the <see cref="IOutboxSender"/> of their kind), never from inside a request, and never the same message twice, however many nodes
/// run. A round: (1) a message still <c>sending</c> after its lease expired was being sent by a node that died — it
/// may or may not have gone out, so it is dead-lettered ("delivery state unknown") for an administrator to decide,
/// not resent; (2) due pending messages are claimed in a short transaction that moves them to <c>sending</c> with a
/// lease (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so nodes take different rows; SQLite: the single writer lock
/// that <c>BEGIN IMMEDIATE</c> takes); (3) each is sent and marked <c>sent</c>, or after a failure put back with
/// exponential back-off, and dead-lettered after <c>ClaimDesk:Mail:MaxAttempts</c> failures.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, MailTransport transport, Sms.ISmsSender sms, IEnumerable<IOutboxSender> senders,
    TimeProvider clock, DatabaseInfo database, IOptions<ClaimDeskOptions> options, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>The first retry waits this long; each further one twice as long as the one before.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan LongestRetry = TimeSpan.FromHours(1);

    public const string UnknownDeliveryError =
        "Delivery state unknown: the node sending it stopped before recording the result. Check whether it arrived before requeueing it.";

    private readonly MailOptions _mail = options.Value.Mail;

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones: 30 s × 2^(attempts−1), at most an hour.</summary>
    public static TimeSpan BackOff(int attempts)
    {
        var seconds = FirstRetry.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, LongestRetry.TotalSeconds));
    }

    /// <summary>
    /// How many messages one round takes: few enough that sending them one after another (each bounded by
    /// <see cref="MailTransport.SendTimeout"/>) ends well inside the lease.
    /// </summary>
    private int BatchSize => Math.Clamp((int)(_mail.LeaseSeconds / (2 * MailTransport.SendTimeout.TotalSeconds)), 1, 50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_mail.PollSeconds == 0)
        {
            LogOff(logger);
            return;
        }

        var interval = TimeSpan.FromSeconds(_mail.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch suggests more are due: go on at once rather than wait a whole interval.
                while (await DispatchOnceAsync(stoppingToken) >= BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong (the database away, not migrated yet), the loop goes on: an exception leaving a
                // BackgroundService stops the whole host. Nothing was lost; the next round tries again.
                LogRoundFailed(logger, e);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs one round now; returns how many messages it took (sent or failed). Tests call it directly.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DeadLetterExpiredLeasesAsync(db, cancellationToken);
        var claimed = await ClaimDueAsync(db, cancellationToken);
        for (var i = 0; i < claimed.Count; i++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: what this node took but never tried goes back, so no other node waits out the lease.
                await ReleaseAsync(db, claimed[i..]);
                break;
            }

            await SendAsync(db, scope.ServiceProvider, claimed[i], cancellationToken);
        }

        return claimed.Count;
    }

    private async Task DeadLetterExpiredLeasesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sending && m.LeaseUntil < now)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Dead)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, UnknownDeliveryError), cancellationToken);
        if (expired > 0)
        {
            LogUnknown(logger, expired);
        }
    }

    private async Task<List<long>> ClaimDueAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseUntil = now.AddSeconds(_mail.LeaseSeconds);
        var batch = BatchSize;
        // SQLite: Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, the database's one write lock, held to commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = database.Provider == DatabaseProvider.Postgres
            ? await db.Database.SqlQuery<long>($"""
                SELECT id AS "Value" FROM outbox_messages
                WHERE status = {OutboxStatus.Pending} AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, id
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)
            : await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => m.Id).Take(batch)
                .ToListAsync(cancellationToken);
        if (ids.Count > 0)
        {
            await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.LeaseUntil, leaseUntil)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>
    /// Makes the document the message names, when it is not made yet, and keeps it as one of the message's
    /// attachments, so that a retry sends the same file. A document that cannot be made fails this attempt, which is
    /// retried as any other failure.
    /// </summary>
    private static async Task MakeDocumentAsync(AppDbContext db, IServiceProvider services, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Document is not { } document || message.Attachments.Any(a => a.FileName == message.DocumentFileName))
        {
            return;
        }

        var maker = services.GetServices<IOutboxDocuments>().FirstOrDefault(d => d.Makes(document))
            ?? throw new InvalidOperationException($"Nothing makes the document '{document}'.");
        var (content, contentType) = await maker.MakeAsync(document, cancellationToken);
        var attachment = new OutboxAttachment
        {
            MessageId = message.Id, FileName = message.DocumentFileName ?? "document", ContentType = contentType, Content = content,
        };
        db.OutboxAttachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(attachment).State = EntityState.Detached;
        message.Attachments.Add(attachment);
    }

    private static Task<int> ReleaseAsync(AppDbContext db, List<long> ids) =>
        db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1), CancellationToken.None);

    private async Task SendAsync(AppDbContext db, IServiceProvider services, long id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
            .SingleAsync(m => m.Id == id, cancellationToken);
        string? error = null;
        try
        {
            await MakeDocumentAsync(db, services, message, cancellationToken);
            if (message.Kind == OutboxMessage.SmsKind)
            {
                await sms.SendAsync(new Sms.SmsMessage(message.InternetMessageId, message.To, message.TextBody), cancellationToken);
            }
            else if (message.Kind == OutboxMessage.EmailKind)
            {
                await transport.SendAsync(message, cancellationToken);
            }
            else
            {
                var sender = senders.FirstOrDefault(s => s.Kind == message.Kind)
                    ?? throw new InvalidOperationException($"Nothing on this node sends outbox messages of the kind '{message.Kind}'.");
                await sender.SendAsync(db, message, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: the lease runs out and the message is dead-lettered as "state unknown".
            throw;
        }
        catch (Exception e)
        {
            // Any failure to hand the message over is this attempt's failure, recorded on the row; one left to escape
            // would leave the message "sending" until its lease ran out, and call its delivery unknown.
            error = Describe(e);
        }

        // Recorded even while shutting down: a message that went out must not stay "sending".
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Sending);
        if (error is null)
        {
            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            LogSent(logger, id, message.InternetMessageId);
            return;
        }

        var dead = message.Attempts >= _mail.MaxAttempts;
        var nextAttempt = now + BackOff(message.Attempts);
        var truncated = error.Length > 2000 ? error[..2000] : error;
        await mine.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, dead ? OutboxStatus.Dead : OutboxStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, dead ? message.NextAttemptAt : nextAttempt)
            .SetProperty(m => m.LeaseUntil, (DateTime?)null)
            .SetProperty(m => m.LastError, truncated), CancellationToken.None);
        if (dead)
        {
            LogDead(logger, id, message.Attempts, error);
        }
        else
        {
            LogRetry(logger, id, message.Attempts, nextAttempt, error);
        }
    }

    private static string Describe(Exception e) =>
        e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Outbox message {Id} sent ({MessageId})")]
    private static partial void LogSent(ILogger logger, long id, string messageId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Outbox message {Id} failed (attempt {Attempts}); next attempt at {NextAttempt:u}: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, int attempts, DateTime nextAttempt, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Outbox message {Id} dead-lettered after {Attempts} attempts: {Error}")]
    private static partial void LogDead(ILogger logger, long id, int attempts, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "{Count} outbox message(s) dead-lettered: their node stopped while sending them, so whether they arrived is unknown")]
    private static partial void LogUnknown(ILogger logger, int count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Outbox round failed; retrying next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Outbox dispatcher is off on this node (ClaimDesk:Mail:PollSeconds = 0)")]
    private static partial void LogOff(ILogger logger);
}
