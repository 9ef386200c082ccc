namespace ClaimDesk.Web.Infrastructure;

/// <summary>The <c>ClaimDesk</c> configuration section; every key is also settable as <c>ClaimDesk__Key</c>.</summary>
public sealed class ClaimDeskOptions
{
    public const string Section = "ClaimDesk";

    /// <summary>Where the SQLite file, stored files and the mail pickup folder live; relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    /// <summary>The UI language when neither the language cookie nor the browser names a supported one.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Seed demo data into an empty database (also set by the <c>--demo</c> switch).</summary>
    public bool Demo { get; set; }

    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The organisation's time zone: claim numbers take their year from it, dates are shown in it.</summary>
    public string TimeZone { get; set; } = "Europe/Warsaw";

    public MailOptions Mail { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    public OrganisationOptions Organisation { get; set; } = new();

    public AttachmentOptions Attachments { get; set; } = new();

    public IntakeOptions Intake { get; set; } = new();

    public InboundMailOptions InboundMail { get; set; } = new();

    public DeadlineOptions Deadlines { get; set; } = new();

    public Features.Documents.DocumentOptions Documents { get; set; } = new();
}

/// <summary>The deadline scanner (<c>ClaimDesk:Deadlines</c>).</summary>
public sealed class DeadlineOptions
{
    /// <summary>Seconds between the scanner's rounds; 0 turns the scanner off on this node.</summary>
    public int ScanSeconds { get; set; } = 60;

    /// <summary>How many hours before a deadline is due its reminder goes to the assignee.</summary>
    public int ReminderHours { get; set; } = 24;

    /// <summary>The day after receipt (that day not counted) on which managers are alarmed about a PL consumer claim still without a response.</summary>
    public int AlarmDay { get; set; } = 12;
}

/// <summary>Files attached to claims (<c>ClaimDesk:Attachments</c>).</summary>
public sealed class InboundMailOptions
{
    /// <summary>The shared secret mail gateways send with each received e-mail; empty: the inbound endpoint is off.</summary>
    public string? Secret { get; set; }
}

public sealed class AttachmentOptions
{
    /// <summary>The largest file that may be attached, in bytes (default 10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>The outbox dispatcher (<c>ClaimDesk:Mail</c>).</summary>
public sealed class MailOptions
{
    /// <summary>Seconds between the dispatcher's rounds; 0 turns the dispatcher off on this node.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>Failed attempts after which a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a node holds a message it is sending; a message still held after that is dead-lettered.</summary>
    public int LeaseSeconds { get; set; } = 600;

    /// <summary>The sender when no SMTP host is configured (the .eml pickup folder).</summary>
    public const string DefaultFrom = "ClaimDesk <claimdesk@localhost>";
}

/// <summary>The SMTP server (<c>ClaimDesk:Smtp</c>); without a host, mail goes to the .eml pickup folder.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. <c>ClaimDesk &lt;reklamacje@example.pl&gt;</c>; required with a host.</summary>
    public string? From { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool EnableSsl { get; set; }
}

/// <summary>Who runs ClaimDesk: the return address printed on RMA labels.</summary>
public sealed class OrganisationOptions
{
    public string Name { get; set; } = "ClaimDesk";

    /// <summary>The postal address, one line per line; nothing is printed when it is not configured.</summary>
    public string? Address { get; set; }

    /// <summary>
    /// Whether claimants see, beside the organisation's name, the display name of the staff member who wrote to them;
    /// off, they see the organisation alone. Never the staff member's sign-in address.
    /// </summary>
    public bool ShowStaffNames { get; set; }

    /// <summary>Whose law governs claims' statutory deadlines: <c>pl</c> or <c>cz</c>.</summary>
    public string Jurisdiction { get; set; } = "pl";

    /// <summary>Registers whose claims fall under another jurisdiction, by register code (<c>complaints-cz</c> = <c>cz</c>).</summary>
    public Dictionary<string, string> RegisterJurisdictions { get; set; } = [];

    /// <summary>The ISO 4217 currency a claim's cost total (<c>Claim.CostTotal</c>) is kept in; costs in others are totalled apart.</summary>
    public string Currency { get; set; } = "PLN";
}

public sealed class IntakeOptions
{
    /// <summary>Days an activation link of a web submission stays valid.</summary>
    public int ActivationDays { get; set; } = 7;

    /// <summary>Days a tracking link stays valid; "find my claim" sends a fresh one.</summary>
    public int TrackingDays { get; set; } = 365;

    /// <summary>The address links in e-mails start with (https://claims.example.com); empty: the request's own.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Sites that may show the embeddable form (/embed/complaint) in a frame, separated by spaces or commas.</summary>
    public string? FrameOrigins { get; set; }

    /// <summary>Days after which web submissions never confirmed are deleted, with their files (GDPR).</summary>
    public int PurgeAfterDays { get; set; } = 30;

    /// <summary>Hours a file sent with a form that was never accepted is kept.</summary>
    public int PendingUploadHours { get; set; } = 24;

    /// <summary>Minutes between two runs of the purge.</summary>
    public int PurgeIntervalMinutes { get; set; } = 60;
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts one client address may post per minute; lockout guards each account besides.</summary>
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>Requests one client address may make per minute to the public intake pages (form, activation, find my claim).</summary>
    public int IntakePerMinute { get; set; } = 10;
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);
}

public sealed class AdminOptions
{
    public string Email { get; set; } = "admin@claimdesk.local";

    /// <summary>When empty, a random password is generated, printed once, and must be changed at first sign-in.</summary>
    public string? Password { get; set; }
}

/// <summary>The database this process uses, as resolved from configuration at start-up.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
