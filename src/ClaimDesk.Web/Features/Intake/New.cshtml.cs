using ClaimDesk.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web.Features.Intake;

/// <summary>The public complaint form on a page of its own.</summary>
public sealed class NewModel(
    IntakeCommands commands, PendingUploads uploads, OrganisationClock clock, IOptions<ClaimDeskOptions> options,
    IStringLocalizer<SharedResource> localizer, IStringLocalizerFactory localizers)
    : IntakeFormPage(commands, uploads, clock, options, localizer, localizers)
{
    public override string FormPage => "/Intake/New";

    protected override string SentPage => "Sent";
}
