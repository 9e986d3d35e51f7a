using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Authors;

public sealed record AuthorView(string Name, string Slug, string Url, string? BioHtml, string? Photo);

public static class AuthorEndpoints
{
    public static IEndpointRouteBuilder MapAuthors(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/author/{slug}/", ArchiveAsync);
        return routes;
    }

    /// <summary>"Articles by: …": the person's bio and their published articles, newest first.</summary>
    private static async Task<IResult> ArchiveAsync(string slug, int? page, MastheadDb db, SitePages pages, HttpContext http,
        CancellationToken cancellation)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellation);
        if (person is null) return await pages.NotFoundAsync(cancellation);
        Events.CacheKeys.Tag(http, [Events.CacheKeys.Person(person.Id)]);

        var site = await pages.SiteAsync(cancellation);
        var articles = ArticleQueries.PublishedBy(db, person.Id);
        var total = await articles.CountAsync(cancellation);
        if (SitePages.PageNumber(page, total, site.PageSize) is not { } number) return await pages.NotFoundAsync(cancellation);

        var url = SiteRoutes.Author(person.Slug);
        return await pages.RenderAsync("author", $"Articles by {person.Name}", new()
        {
            ["author"] = new AuthorView(person.Name, person.Slug, url, person.BioHtml, WebAddress.ImageOrNull(person.Photo)),
            ["articles"] = await ArticleQueries.CardsAsync(db, articles, number, site.PageSize, site.Zone, cancellation),
            ["pagination"] = SitePages.Pagination(number, site.PageSize, total, url),
        }, cancellation, new PageMeta(pages.Canonical(site), $"Articles by {person.Name}", Excerpts.FromHtml(person.BioHtml ?? ""),
            "profile", Feeds.FeedEndpoints.Links(site, person.Name, url))
        { Image = site.AbsoluteImage(person.Photo) });
    }
}
