using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ClaimDesk.Web.Infrastructure;

/// <summary>
/// A request no handler of the page answers (a POST to a page that only shows, <c>?handler=Nope</c>) is refused:
/// Razor Pages would otherwise draw the page without running any handler, so its model was never loaded and the
/// page failed with a 500. A method the page has no handler for answers 405 with <c>Allow</c>; a handler name it
/// does not know answers 400. Both show the error page (status code pages).
/// </summary>
public sealed class PageHandlerCheck : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && Refusal(context) is { } refusal)
        {
            context.Result = refusal;
            return;
        }

        await next();
    }

    private static StatusCodeResult? Refusal(PageHandlerExecutingContext context)
    {
        var http = context.HttpContext;
        // The error page draws whatever request failed, in any method.
        if (http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return null;
        }

        var method = http.Request.Method;
        var reads = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var handlers = context.ActionDescriptor.HandlerMethods;
        var named = context.RouteData.Values.TryGetValue("handler", out var routeName) && routeName is string { Length: > 0 }
            || !string.IsNullOrEmpty(http.Request.Query["handler"]);
        if (!reads && !handlers.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
        {
            // A page shows on GET even without an OnGet handler.
            var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Append(HttpMethods.Get).Append(HttpMethods.Head).Distinct();
            http.Response.Headers.Allow = string.Join(", ", allowed);
            return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }

        // A handler was named but none of the page's has that name for this method; a plain GET of a page without OnGet shows it.
        return !reads || named ? new BadRequestResult() : null;
    }
}
