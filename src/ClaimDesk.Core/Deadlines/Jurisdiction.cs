namespace ClaimDesk.Core.Deadlines;

/// <summary>
/// Whose law and whose public holidays apply (DOMAIN-RULES "Poland", "Czech Republic"). Codes.Of gives the codes
/// <c>pl</c> and <c>cz</c>.
/// </summary>
public enum Jurisdiction { Pl, Cz }
