using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// A body that is not JSON, or a value of the wrong type, answers 400 problem details naming the field — not the
/// bare 400 minimal APIs give by default, and never a 500.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Pages answer with the error page (which explains a body that was too large); only the API speaks JSON.
        if (exception is not BadHttpRequestException bad || !ClaimDeskApplication.IsApi(httpContext))
        {
            return false;
        }

        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$', '.') : "body";
        var message = json is not null
            ? localizer["The value is not of the right type, or the JSON is malformed (line {0}).", (json.LineNumber ?? 0) + 1].Value
            : bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? localizer["The request is too large."].Value
                : localizer["The request could not be read: {0}", bad.Message].Value;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = localizer["The request is not valid."].Value,
            },
        });
    }
}
