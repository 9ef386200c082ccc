using System.Text.Json;
using ClaimDesk.Web.Data;
using ClaimDesk.Web.Features.ApiKeys;
using ClaimDesk.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Features.MasterData;

/// <summary>
/// Master data from the ERP (DESIGN §8) under <c>/api/v1</c>: <c>customers</c>, <c>suppliers</c>, <c>products</c> and
/// <c>sales-documents</c>, each with an idempotent upsert by its key (<c>PUT …/{key}</c>), a look-up, a paged list and a
/// bulk import of NDJSON or CSV (<c>POST …/import</c>). Scopes <c>master_data:read</c> and <c>master_data:write</c>.
/// </summary>
public static class MasterDataApi
{
    /// <summary>The response header of a PUT that tells what it did: <c>created</c>, <c>updated</c> or <c>unchanged</c>.</summary>
    public const string UpsertHeader = "Upsert-Result";

    public static void MapMasterDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Master data");
        Map(api, new CustomerKind(), "Customer");
        Map(api, new SupplierKind(), "Supplier");
        Map(api, new ProductKind(), "Product");
        Map(api, new SalesDocumentKind(), "SalesDocument");
    }

    private static void Map<TData, TDto>(RouteGroupBuilder api, MasterDataKind<TData, TDto> kind, string name)
        where TData : class
        where TDto : class
    {
        var group = api.MapGroup("/" + kind.Route);
        // The body is read by the handler: the ASP.NET route-handler analyzer fails on a body parameter of a generic type.
        group.MapPut("/{key}", (string key, HttpContext http, MasterDataWriter writer, AppDbContext db, AuditTrail audit,
                IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                PutAsync(kind, Key(key), http, writer, db, audit, localizer, cancellationToken))
            .Accepts<TData>("application/json")
            .WithName("Put" + name).RequireAuthorization(ApiKeyService.MasterDataWrite)
            .WithSummary($"Creates or updates one record by its {kind.KeyField}: 201 created, 200 updated or unchanged (header {UpsertHeader}).");
        group.MapGet("/{key}", (string key, AppDbContext db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                GetAsync(kind, Key(key), db, localizer, cancellationToken))
            .WithName("Get" + name).RequireAuthorization(ApiKeyService.MasterDataRead)
            .WithSummary($"One record by its {kind.KeyField}.");
        group.MapGet("/", (AppDbContext db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken,
                string? search = null, DateTimeOffset? updatedSince = null, string? customer = null, int page = 1, int pageSize = 50) =>
                ListAsync(kind, db, localizer, new MasterDataFilter(search?.Trim(), updatedSince?.UtcDateTime, customer?.Trim(), page, pageSize),
                    cancellationToken))
            .WithName("List" + name).RequireAuthorization(ApiKeyService.MasterDataRead)
            .WithSummary($"Records sorted by {kind.KeyField}, paged; search (key prefix, name), updatedSince, and for sales documents customer.");
        group.MapPost("/import", (HttpRequest request, MasterDataImport import, AuditTrail audit, IStringLocalizer<SharedResource> localizer,
                CancellationToken cancellationToken) => ImportAsync(kind, request, import, audit, localizer, cancellationToken))
            .WithName("Import" + name).RequireAuthorization(ApiKeyService.MasterDataWrite)
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .Accepts<string>("application/x-ndjson", "text/csv")
            .WithSummary("Bulk upsert from NDJSON (one JSON record a line) or CSV (header row with the JSON field names), in batches; " +
                "answers the counts and every refused row.");
    }

    private static async Task<Results<Created<TDto>, Ok<TDto>, ValidationProblem>> PutAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, string key, HttpContext http, MasterDataWriter writer, AppDbContext db, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        TData? data = null;
        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["body"] = [localizer["Send the record as JSON (application/json)."].Value],
            });
        }

        try
        {
            data = await http.Request.ReadFromJsonAsync<TData>(cancellationToken);
        }
        catch (JsonException failure)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [failure.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body"] =
                    [localizer["The value is not of the right type, or the JSON is malformed (line {0}).", (failure.LineNumber ?? 0) + 1].Value],
            });
        }

        var outcome = (await writer.UpsertAsync(kind, [new UpsertItem<TData>(key, data)], audit.CurrentActor, cancellationToken))[0];
        if (outcome.Result == UpsertResult.Refused)
        {
            return TypedResults.ValidationProblem(FormErrors.Describe(outcome.Errors, localizer));
        }

        var dto = (await kind.GetAsync(db, outcome.Key!, cancellationToken))!;
        http.Response.Headers[UpsertHeader] = Core.Common.Codes.Of(outcome.Result);
        return outcome.Result == UpsertResult.Created
            ? TypedResults.Created($"/api/v1/{kind.Route}/{Uri.EscapeDataString(outcome.Key!)}", dto)
            : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<TDto>, ProblemHttpResult>> GetAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, string key, AppDbContext db, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
        where TData : class
        where TDto : class =>
        await kind.GetAsync(db, key, cancellationToken) is { } found ? TypedResults.Ok(found) : NotFound(kind, key, localizer);

    private static async Task<Results<Ok<MasterDataPage<TDto>>, ValidationProblem>> ListAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, AppDbContext db, IStringLocalizer<SharedResource> localizer, MasterDataFilter filter,
        CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        if (filter.PageSize is < 1 or > MasterDataFilter.MaxPageSize || filter.Page < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [localizer["Page is from 1 and pageSize from 1 to {0}.", MasterDataFilter.MaxPageSize].Value],
            });
        }

        return TypedResults.Ok(await kind.ListAsync(db, filter, cancellationToken));
    }

    private static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync<TData, TDto>(
        MasterDataKind<TData, TDto> kind, HttpRequest request, MasterDataImport import, AuditTrail audit,
        IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken)
        where TData : class
        where TDto : class
    {
        var mediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed)
            ? parsed.MediaType.Value?.ToLowerInvariant()
            : null;
        ImportFormat? format = mediaType switch
        {
            "application/x-ndjson" or "application/jsonl" => ImportFormat.Ndjson,
            "text/csv" => ImportFormat.Csv,
            _ => null,
        };
        if (format is null)
        {
            return TypedResults.Problem(localizer["Send the import as application/x-ndjson or text/csv."].Value,
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var (report, problem) = await import.ImportAsync(kind, request.Body, format.Value, audit.CurrentActor, cancellationToken);
        return report is null ? TypedResults.ValidationProblem(problem!) : TypedResults.Ok(report);
    }

    /// <summary>
    /// The key from the address: ASP.NET Core decodes a path except <c>%2F</c>, so a number with slashes
    /// (<c>FV/2026/001</c>, sent as <c>FV%2F2026%2F001</c>) gets them back here.
    /// </summary>
    private static string Key(string key) => key.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult NotFound<TData, TDto>(MasterDataKind<TData, TDto> kind, string key, IStringLocalizer localizer)
        where TData : class
        where TDto : class =>
        TypedResults.Problem(localizer["There is no record '{0}' in {1}.", key, kind.Route].Value, statusCode: StatusCodes.Status404NotFound);
}

public static class MasterDataServices
{
    public static void AddClaimDeskMasterData(this IServiceCollection services)
    {
        services.AddScoped<MasterDataWriter>();
        services.AddScoped<MasterDataImport>();
        services.AddScoped<MasterDataQueries>();
        services.AddSingleton<ImportJobs>();
    }
}
