namespace ClaimDesk.Web.Features.Intake;

/// <summary>Which link of our e-mails it was: the one that confirms a web complaint, or one that follows a claim.</summary>
public enum LinkPurpose { Activation, Tracking }

/// <summary>Why a link opens nothing: it never existed (or was cut short), it was used up, or its time ran out.</summary>
public enum LinkState { Unknown, Used, Expired }

/// <summary>
/// A link from our e-mails that opens nothing, as the consumer's page (<c>_LinkProblem</c>) explains it: what happened
/// and where to go on (Find my claim, a new complaint), in their language. The status code stays the link's:
/// 404 for an unknown link, 410 for a used or expired activation link.
/// </summary>
public sealed record LinkProblem(LinkPurpose Purpose, LinkState State);
