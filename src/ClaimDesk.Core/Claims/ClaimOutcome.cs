namespace ClaimDesk.Core.Claims;

/// <summary>Why a claim action was refused; the API maps each to its HTTP status.</summary>
public enum Refusal
{
    None,

    /// <summary>The claim or line does not exist (404).</summary>
    NotFound,

    /// <summary>The register's workflow has no such transition from the current status (409).</summary>
    NotInWorkflow,

    /// <summary>The claim is closed or already in the status (409).</summary>
    Conflict,

    /// <summary>The actor's roles do not allow it (403).</summary>
    Forbidden,

    /// <summary>A field is missing or wrong (400).</summary>
    Invalid,
}

/// <summary>
/// The result of a claim action: done, or refused with the field concerned, an English message (the localization
/// key) with its arguments, and for workflow refusals the statuses that are allowed.
/// </summary>
public sealed record ClaimOutcome(Refusal Refusal, string? Field, string Message, object[] Arguments, IReadOnlyList<string> Allowed)
{
    public static ClaimOutcome Done { get; } = new(Refusal.None, null, "", [], []);

    public bool Succeeded => Refusal == Refusal.None;

    public static ClaimOutcome Refuse(Refusal refusal, string? field, string message, params object[] arguments) =>
        new(refusal, field, message, arguments, []);
}
