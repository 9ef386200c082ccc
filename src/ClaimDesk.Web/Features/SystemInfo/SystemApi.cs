using System.Reflection;
using ClaimDesk.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClaimDesk.Web.Features.SystemInfo;

public static class SystemApi
{
    public static void MapSystemApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/system").WithTags("System");
        api.MapGet("/version", GetVersion)
            .WithName("GetVersion")
            .WithSummary("The running ClaimDesk version and the schema version its API expects.")
            .AllowAnonymous();
    }

    /// <summary>What an integration checks before it talks to this server: the version and the schema level.</summary>
    public sealed record VersionDto(string Version, int SchemaVersion);

    private static Ok<VersionDto> GetVersion(SchemaMigrator migrator)
    {
        var version = typeof(SystemApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        return TypedResults.Ok(new VersionDto(version.Split('+')[0], migrator.Scripts.Count == 0 ? 0 : migrator.Scripts[^1].Version));
    }
}
