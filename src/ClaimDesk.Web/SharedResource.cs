namespace ClaimDesk.Web;

/// <summary>Marker for the one shared set of UI strings: Resources/SharedResource.{en,pl,cs}.resx.</summary>
public sealed class SharedResource;
