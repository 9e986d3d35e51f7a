using System.Net;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.Diagnostics;

namespace Masthead.Publishing.Errors;

/// <summary>
/// What a reader or an editor sees when something goes wrong. Public pages: the theme's 404.liquid and 500.liquid,
/// the 500 with a request id that is also in the log. The back office: its own layout with a way back
/// (/admin/status/403, 404, 500). The Ghost Content API keeps Ghost's error body; other programs get RFC 9457 problem details.
/// </summary>
public static class ErrorPages
{
    public const string AdminStatusPath = "/admin/status/";

    /// <remarks>A parameter that does not bind (`?page=abc`) is the client's mistake: 400 in every environment, never
    /// an exception that would answer 500 (minimal APIs throw for it in Development).</remarks>
    public static IServiceCollection AddErrorPages(this IServiceCollection services) =>
        services.AddProblemDetails().Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(IsBackOffice, admin =>
        {
            admin.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = AdminStatusPath + "500",
                // Logged here, with the id the page shows.
                SuppressDiagnosticsCallback = _ => true,
                StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
            });
            admin.Use(LogErrorsAsync);
            admin.UseStatusCodePagesWithReExecute(AdminStatusPath + "{0}");
        });
        app.UseWhen(context => !IsBackOffice(context), site =>
        {
            site.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = PublicErrorAsync, SuppressDiagnosticsCallback = _ => true });
            site.Use(LogErrorsAsync);
        });
        return app;
    }

    private static bool IsBackOffice(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/admin") && !context.Request.Path.StartsWithSegments("/admin/assets");

    /// <summary>Every unhandled error is logged once, with the request id a person can quote.</summary>
    private static async Task LogErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try { await next(context); }
        catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Masthead.Errors")
                .LogError(error, "Unhandled error on {Method} {Path}; request id {RequestId}", context.Request.Method, context.Request.Path, context.TraceIdentifier);
            throw;
        }
    }

    private static async Task PublicErrorAsync(HttpContext context)
    {
        var requestId = context.TraceIdentifier;
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (context.Request.Path.StartsWithSegments("/ghost/api"))
        {
            await context.Response.WriteAsJsonAsync(new
            {
                errors = new[] { new { message = "Internal server error, cannot complete the request.", type = "InternalServerError", id = requestId } },
            });
            return;
        }
        if (!AcceptsHtml(context.Request))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 500, Title = "Something went wrong on our side.", Extensions = { ["requestId"] = requestId } },
            });
            return;
        }
        string html;
        try
        {
            var result = await context.RequestServices.GetRequiredService<SitePages>()
                .RenderAsync("500", "Something went wrong", new() { ["request_id"] = requestId }, context.RequestAborted,
                    statusCode: StatusCodes.Status500InternalServerError);
            await result.ExecuteAsync(context);
            return;
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The theme or the store is what failed: a page that needs neither.
            html = $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Something went wrong</title><h1>Something went wrong</h1>" +
                   $"<p>Please try again in a moment. If it keeps happening, quote request id <code class=\"request-id\">{WebUtility.HtmlEncode(requestId)}</code>.</p></html>";
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html);
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Path.Value?.EndsWith(".json", StringComparison.Ordinal) != true
        && (request.Headers.Accept.Count == 0 || request.Headers.Accept.ToString().Contains("html", StringComparison.Ordinal)
            || request.Headers.Accept.ToString().Contains("*/*", StringComparison.Ordinal));
}
