using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>
/// The public complaint form for an iframe in the company's own site: the same form without ClaimDesk's navigation.
/// Which sites may frame it is <c>ClaimDesk:Intake:FrameOrigins</c> (<see cref="Framing"/>).
/// </summary>
public sealed class EmbedModel(
    IntakeCommands commands, PendingUploads uploads, OrganisationClock clock, IOptions<ClaimDeskOptions> options,
    IStringLocalizer<SharedResource> localizer, IStringLocalizerFactory localizers)
    : IntakeFormPage(commands, uploads, clock, options, localizer, localizers)
{
    public override string FormPage => "/Intake/Embed";

    protected override string SentPage => "EmbedSent";
}
