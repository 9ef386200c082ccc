using ClaimDesk.Core.Localization;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.Account;
using ClaimDesk.Web.Features.Admin.Registers;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Features.Claims;
using ClaimDesk.Web.Features.MasterData;
using ClaimDesk.Web.Features.Culture;
using ClaimDesk.Web.Features.CustomFields;
using ClaimDesk.Web.Features.Deadlines;
using ClaimDesk.Web.Features.Documents;
using ClaimDesk.Web.Features.Health;
using ClaimDesk.Web.Features.Inbound;
using ClaimDesk.Web.Features.Intake;
using ClaimDesk.Web.Features.Lookup;
using ClaimDesk.Web.Features.Portal;
using ClaimDesk.Web.Features.Repairs;
using ClaimDesk.Web.Features.Notifications;
using ClaimDesk.Web.Features.SystemInfo;
using ClaimDesk.Web.Features.Webhooks;
using ClaimDesk.Web.Infrastructure;
using ClaimDesk.Web.Infrastructure.Mail;
using ClaimDesk.Web.Infrastructure.Sms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace ClaimDesk.Web;

/// <summary>How the one deployable is put together: services, then the request pipeline.</summary>
public static class ClaimDeskApplication
{
    public static void AddClaimDesk(this WebApplicationBuilder builder, CommandLine commandLine)
    {
        if (commandLine.Demo)
        {
            builder.Configuration.AddInMemoryCollection([new($"{ClaimDeskOptions.Section}:Demo", "true")]);
        }

        if (commandLine.Command == CommandLine.CreateApiKey)
        {
            // The command's stdout carries the key alone, for scripts to capture; the log goes to stderr.
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        var options = builder.Configuration.GetSection(ClaimDeskOptions.Section).Get<ClaimDeskOptions>() ?? new();
        if (!Language.IsSupported(options.DefaultLanguage))
        {
            throw new StartupException(
                $"ClaimDesk:DefaultLanguage is '{options.DefaultLanguage}', but it must be one of: {string.Join(", ", Language.All)}.");
        }

        foreach (var (name, value, least) in (ReadOnlySpan<(string, int, int)>)[
            ("ScanSeconds", options.Deadlines.ScanSeconds, 0), ("ReminderHours", options.Deadlines.ReminderHours, 0),
            ("AlarmDay", options.Deadlines.AlarmDay, 1)])
        {
            if (value < least)
            {
                throw new StartupException($"ClaimDesk:Deadlines:{name} is {value}, but it must be at least {least}.");
            }
        }

        foreach (var code in options.Organisation.RegisterJurisdictions.Values.Prepend(options.Organisation.Jurisdiction))
        {
            if (!Core.Common.Codes.TryParse<Core.Deadlines.Jurisdiction>(code, out _))
            {
                throw new StartupException($"The jurisdiction '{code}' (ClaimDesk:Organisation) is not one of: pl, cz.");
            }
        }

        if (options.Attachments.MaxBytes < 1)
        {
            throw new StartupException($"ClaimDesk:Attachments:MaxBytes is {options.Attachments.MaxBytes}, but it must be at least 1.");
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, int)>)[
            ("PurgeAfterDays", options.Intake.PurgeAfterDays), ("PendingUploadHours", options.Intake.PendingUploadHours),
            ("PurgeIntervalMinutes", options.Intake.PurgeIntervalMinutes)])
        {
            if (value < 1)
            {
                throw new StartupException($"ClaimDesk:Intake:{name} is {value}, but it must be at least 1.");
            }
        }

        var frameOrigins = Framing.Origins(options.Intake.FrameOrigins);
        var services = builder.Services;
        services.Configure<ClaimDeskOptions>(builder.Configuration.GetSection(ClaimDeskOptions.Section));
        var dataDirectory = new DataDirectory(builder.Environment.ContentRootPath, options.DataDirectory);
        services.AddSingleton(dataDirectory);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddDataProtection()
            .SetApplicationName("ClaimDesk")
            .PersistKeysToFileSystem(new DirectoryInfo(dataDirectory.Combine("keys")));

        builder.AddClaimDeskDatabase(options, dataDirectory);
        services.AddScoped<AuditTrail>();
        services.AddSingleton<OrganisationClock>();
        services.AddSingleton<PublicAddress>();
        services.AddClaimDeskAccounts();
        services.AddClaimDeskClaims();
        services.AddClaimDeskCustomFields();
        services.AddClaimDeskIntake();
        services.AddClaimDeskDeadlines();
        services.AddClaimDeskMasterData();
        services.AddClaimDeskPortal();
        services.AddClaimDeskApiKeys();
        services.AddClaimDeskLocalization(options);
        services.AddScoped<RegisterAdministration>();
        services.AddClaimDeskMail(options);
        services.AddClaimDeskSms(options);
        services.AddClaimDeskNotifications();
        services.AddClaimDeskWebhooks();
        services.AddClaimDeskDocuments(options);
        services.AddClaimDeskRepairs();
        services.AddClaimDeskAntiforgery();
        services.AddSingleton(new FrameOrigins(frameOrigins));

        services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Features";
                pages.Conventions.ConfigureFilter(new PageHandlerCheck());
                pages.Conventions.AuthorizeFolder("/", AccountServices.StaffPolicy);
                pages.Conventions.AuthorizeFolder("/Admin", AccountServices.AdministratorPolicy);
                pages.Conventions.AuthorizePage("/MasterData/Import", AccountServices.MasterDataEditorPolicy);
                pages.Conventions.AllowAnonymousToPage("/Account/Login");
                pages.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                pages.Conventions.AllowAnonymousToPage("/Error");
                var uploadLimit = Infrastructure.Files.AttachmentPolicy.RequestLimit(options.Attachments.MaxBytes, Infrastructure.Files.AttachmentPolicy.MaxFilesPerRequest);
                foreach (var uploadPage in (string[])["/Claims/Card", "/Intake/Track", "/Intake/New", "/Intake/Embed"])
                {
                    pages.Conventions.AddPageApplicationModelConvention(uploadPage, page =>
                    {
                        page.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(uploadLimit));
                        page.Filters.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = uploadLimit });
                    });
                }

                pages.Conventions.AddPortalConventions(uploadLimit);
                pages.Conventions.AllowAnonymousToFolder("/Intake");
                pages.Conventions.AddFolderApplicationModelConvention("/Intake",
                    page => page.EndpointMetadata.Add(RateLimiting.Policy(RateLimiting.IntakePolicy)));
                pages.Conventions.AddPageApplicationModelConvention("/Account/Login",
                    page => page.EndpointMetadata.Add(RateLimiting.Policy(RateLimiting.SignInPolicy)));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(localization =>
                localization.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // Polish and Czech letters go out as themselves, not as &#x119; entities (escaping of markup is unchanged).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(encoder =>
            encoder.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ClaimDesk API";
            document.Info.Description = "Complaints and RMA: claims, master data and events. Errors are RFC 9457 problem details.";
            return Task.CompletedTask;
        }));
        services.AddClaimDeskHealthChecks();
        services.AddClaimDeskRateLimits(options);
    }

    public static void UseClaimDesk(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });

        app.UseClaimDeskFraming(app.Services.GetRequiredService<FrameOrigins>().Origins);
        app.UseStaticFiles();
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapClaimDeskHealthChecks();
        app.MapCultureEndpoint();
        app.MapOpenApi("/api/docs/{documentName}.json");
        app.UseSwaggerUI(swagger =>
        {
            swagger.RoutePrefix = "api/docs";
            swagger.SwaggerEndpoint("/api/docs/v1.json", "ClaimDesk API v1");
            swagger.DocumentTitle = "ClaimDesk API";
        });
        app.MapSystemApi();
        app.MapClaimsApi();
        app.MapDocumentsApi();
        app.MapRepairQuotesApi();
        app.MapTrackingEndpoints();
        app.MapInboundMailApi();
        app.MapMasterDataApi();
        app.MapPortalEndpoints();
        app.MapLookupEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Log(app));
    }

    /// <summary>Migrates the schema and seeds accounts (and demo data with <c>--demo</c>) before serving.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<ClaimDeskOptions>>().Value;
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(options.Demo);
    }

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
