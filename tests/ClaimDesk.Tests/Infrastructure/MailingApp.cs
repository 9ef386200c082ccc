using System.Globalization;
using ClaimDesk.Core.Claims;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace ClaimDesk.Tests.Infrastructure;

/// <summary>
/// An app whose mail the test drives: the dispatcher's own loop is off unless asked for (tests run rounds with
/// <see cref="Dispatcher"/>), the clock is settable, and mail goes to a real SMTP server or to the .eml folder.
/// </summary>
public sealed class MailingApp : IAsyncDisposable
{
    private readonly bool _ownsDatabase;

    private MailingApp(TestDatabase database, ClaimDeskFactory app, SettableTimeProvider clock, bool ownsDatabase)
    {
        Database = database;
        App = app;
        Clock = clock;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public ClaimDeskFactory App { get; }

    public SettableTimeProvider Clock { get; }

    public OutboxDispatcher Dispatcher => App.Services.GetRequiredService<OutboxDispatcher>();

    /// <summary>
    /// Starts the app; with <paramref name="onDatabaseOf"/>, a second node on that app's database (which it keeps owning).
    /// <paramref name="settings"/> adds settings (an SMS gateway).
    /// </summary>
    public static async Task<MailingApp> StartAsync(DatabaseProvider provider, SmtpServer? smtp = null, int pollSeconds = 0,
        int maxAttempts = 8, bool settableClock = true, MailingApp? onDatabaseOf = null, int intakePerMinute = 10_000,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = onDatabaseOf?.Database ?? await TestDatabase.CreateAsync(provider);
        var configured = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ClaimDesk:Mail:PollSeconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture),
            ["ClaimDesk:Mail:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
            ["ClaimDesk:RateLimits:IntakePerMinute"] = intakePerMinute.ToString(CultureInfo.InvariantCulture),
        };
        if (smtp is not null)
        {
            configured["ClaimDesk:Smtp:Host"] = "127.0.0.1";
            configured["ClaimDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
            configured["ClaimDesk:Smtp:From"] = "ClaimDesk Reklamacje <reklamacje@claimdesk.test>";
        }

        var clock = new SettableTimeProvider();
        var app = new ClaimDeskFactory(database, settings: configured, services: settableClock ? clock.Install : null);
        app.StartServer();
        return new MailingApp(database, app, clock, onDatabaseOf is null);
    }

    /// <summary>Queues e-mails the way a feature does: through the outbox, saved by the caller's SaveChanges.</summary>
    public async Task<IReadOnlyList<long>> EnqueueAsync(params (string To, string Subject, string Body)[] mails)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var rows = mails.Select(m => outbox.Email(m.To, m.Subject, m.Body)).ToList();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return [.. rows.Select(r => r.Id)];
    }

    /// <summary>
    /// Turns every register's acknowledgement of new claims off (or on), as an administrator does on its page: for tests
    /// about the mail that follows intake, so that it is the only mail in the outbox (AcknowledgementTests covers it).
    /// </summary>
    public async Task AcknowledgeIntakeAsync(bool on)
    {
        await QueryAsync(db => db.Registers.ExecuteUpdateAsync(r => r.SetProperty(x => x.AcknowledgesIntake, on)));
        Web.Features.Intake.ClaimIntake.ForgetRegisters(App.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>());
    }

    public Task<List<OutboxMessage>> MessagesAsync() =>
        QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public Task<List<Claim>> ClaimsAsync() =>
        QueryAsync(db => db.Claims.AsNoTracking().Include(c => c.Lines).OrderBy(c => c.Id).ToListAsync());

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<IReadOnlyList<ReceivedMail>> PickupFilesAsync()
    {
        var folder = Path.Combine(Database.DataDirectory, "mail");
        return ReceivedMail.ParseAsync(Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : []);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}
