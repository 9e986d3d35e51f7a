using Masthead.Data;
using Masthead.Publishing.Addresses;

namespace Masthead.Publishing.Theme;

/// <summary>Per request: the site's settings, loaded once, and rendering a theme template into a response.</summary>
public sealed class SitePages(ThemeRenderer theme, SiteCache sites, MastheadDb db, IHttpContextAccessor http, SiteAddress address, Members.Readers readers)
{
    private SiteView? site;

    /// <summary>The settings if this request has read them, for what runs after the endpoint (Last-Modified).</summary>
    public SiteView? LoadedSite => site;

    public async Task<SiteView> SiteAsync(CancellationToken cancellation) =>
        site ??= await sites.GetAsync(db, cancellation) with { BaseUrl = address.Base };

    public async Task<IResult> RenderAsync(string template, string? title, Dictionary<string, object?> values,
        CancellationToken cancellation, PageMeta? meta = null, int statusCode = StatusCodes.Status200OK)
    {
        var site = await SiteAsync(cancellation);
        values["site"] = site;
        values["page_title"] = title;
        values["template"] = template;
        values["meta"] = meta ?? DefaultMeta(site, title, statusCode);
        if (await readers.MemberAsync(cancellation) is { } member)
            values["reader"] = new Members.ReaderView(member.Name ?? member.Email, member.Email, member.Tier?.Name ?? "Free", member.Tier is { IsFree: false });
        var html = await theme.RenderPageAsync(template, values);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    /// <summary>The canonical address of this request: the path, and the page number when there is one.</summary>
    public string Canonical(SiteView site)
    {
        var request = http.HttpContext?.Request;
        var page = request?.Query["page"].FirstOrDefault();
        return site.Absolute((request?.Path.Value ?? "/") + (page is { Length: > 0 } && page != "1" ? "?page=" + Uri.EscapeDataString(page) : ""));
    }

    private PageMeta DefaultMeta(SiteView site, string? title, int statusCode) =>
        new(Canonical(site), title ?? site.Name, site.Tagline, "website", Feeds.FeedEndpoints.Links(site)) { NoIndex = statusCode != 200 };

    /// <summary>A path that moved (renamed term, vocabulary, person or article) answers 301; anything else the 404 page.</summary>
    public async Task<IResult> NotFoundAsync(CancellationToken cancellation)
    {
        if (http.HttpContext?.Request is { } request && await Redirects.FindAsync(db, request.Path.Value ?? "", cancellation) is { } moved)
            return Results.Redirect(moved + request.QueryString, permanent: true);
        return await RenderAsync("404", "Page not found", [], cancellation, statusCode: StatusCodes.Status404NotFound);
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
