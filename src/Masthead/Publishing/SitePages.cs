using Masthead.Data;

namespace Masthead.Publishing;

/// <summary>Per request: the site's settings, loaded once, and rendering a theme template into a response.</summary>
public sealed class SitePages(ThemeRenderer theme, MastheadDb db, IHttpContextAccessor http)
{
    private SiteView? site;

    public async Task<SiteView> SiteAsync(CancellationToken cancellation) => site ??= await SiteView.LoadAsync(db, cancellation);

    public async Task<IResult> RenderAsync(string template, string? title, Dictionary<string, object?> values,
        CancellationToken cancellation, int statusCode = StatusCodes.Status200OK)
    {
        values["site"] = await SiteAsync(cancellation);
        values["page_title"] = title;
        values["template"] = template;
        var html = await theme.RenderPageAsync(template, values);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>A path that moved (renamed term, vocabulary, person or article) answers 301; anything else the 404 page.</summary>
    public async Task<IResult> NotFoundAsync(CancellationToken cancellation)
    {
        if (http.HttpContext?.Request is { } request && await Redirects.FindAsync(db, request.Path.Value ?? "", cancellation) is { } moved)
            return Results.Redirect(moved + request.QueryString, permanent: true);
        return await RenderAsync("404", "Page not found", [], cancellation, StatusCodes.Status404NotFound);
    }

    /// <summary>The page number a reader asked for, or null when it is not a page of this archive.</summary>
    public static int? PageNumber(int? requested, int total, int pageSize)
    {
        var page = requested ?? 1;
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return page < 1 || page > pages ? null : page;
    }

    public static Articles.Pagination Pagination(int page, int pageSize, int total, string baseUrl)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        string Url(int p) => p == 1 ? baseUrl : $"{baseUrl}?page={p}";
        return new Articles.Pagination(page, pages, total, page > 1 ? Url(page - 1) : null, page < pages ? Url(page + 1) : null);
    }
}
