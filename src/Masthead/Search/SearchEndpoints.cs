using System.Globalization;
using System.Text.Json;
using Masthead.Publishing.Theme;

namespace Masthead.Search;

public static class SearchEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IServiceCollection AddSearch(this IServiceCollection services) =>
        services.AddScoped<ArticleSearch>();

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/search", async (HttpRequest http, ArticleSearch search, SitePages pages, CancellationToken cancellation) =>
        {
            var (request, problem) = Read(http);
            var site = await pages.SiteAsync(cancellation);
            var results = await search.SearchAsync(request, site.PageSize, site.Zone, cancellation);
            if (problem is not null) results = results with { Notice = problem };
            var title = results.Query.Length > 0 ? $"Search: {results.Query}" : "Search";
            // Result pages are for readers, not for search engines' indexes (as in WordPress and Ghost).
            return await pages.RenderAsync("search", title, new() { ["search"] = results }, cancellation,
                new PageMeta(site.Absolute("/search"), title, null, "website", Feeds.FeedEndpoints.Links(site)) { NoIndex = true });
        });
        routes.MapGet("/search.json", async (HttpRequest http, ArticleSearch search, SitePages pages, CancellationToken cancellation) =>
        {
            var (request, problem) = Read(http);
            var site = await pages.SiteAsync(cancellation);
            var results = await search.SearchAsync(request, site.PageSize, site.Zone, cancellation);
            return Results.Json(problem is null ? results : results with { Notice = problem }, Json);
        });
        return routes;
    }

    /// <summary>Every parameter is read by hand, so that a malformed one becomes a notice to the reader rather than a 400.</summary>
    private static (SearchRequest Request, string? Problem) Read(HttpRequest http)
    {
        string? problem = null;
        string? Text(string name) => http.Query[name].FirstOrDefault() is { Length: > 0 } v ? v : null;
        DateOnly? Date(string name)
        {
            if (Text(name) is not { } text) return null;
            // A day of slack at each end: the range ends the day after "to", in the site's time zone.
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date > DateOnly.MinValue.AddDays(1) && date < DateOnly.MaxValue.AddDays(-1)) return date;
            problem = $"'{text}' is not a date; dates are written 2020-01-16.";
            return null;
        }
        var page = int.TryParse(Text("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var request = new SearchRequest(Text("q"), Text("author"), Text("term"), Date("from"), Date("to"), page,
            Text("sort") == "date");
        return (request, problem);
    }
}
