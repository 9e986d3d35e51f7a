using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Taxonomy;

public sealed record TermView(string Name, string Slug, string Url, string Vocabulary, string VocabularySlug);

public static class TermEndpoints
{
    public static IEndpointRouteBuilder MapTerms(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{vocabulary}/{term}/", ArchiveAsync);
        return routes;
    }

    /// <summary>"Region: Middle East &amp; North Africa": every published article filed under the term, newest first.</summary>
    private static async Task<IResult> ArchiveAsync(string vocabulary, string term, int? page, MastheadDb db, SitePages pages,
        HttpContext http, CancellationToken cancellation)
    {
        var found = await db.Terms.AsNoTracking().Include(t => t.Vocabulary)
            .SingleOrDefaultAsync(t => t.Slug == term && t.Vocabulary.Slug == vocabulary, cancellation);
        if (found is null) return await pages.NotFoundAsync(cancellation);
        Events.CacheKeys.Tag(http, [Events.CacheKeys.Term(found.Id)]);

        var site = await pages.SiteAsync(cancellation);
        var articles = ArticleQueries.PublishedUnder(db, found.Id);
        var total = await articles.CountAsync(cancellation);
        if (SitePages.PageNumber(page, total, site.PageSize) is not { } number) return await pages.NotFoundAsync(cancellation);

        var url = SiteRoutes.Term(found.Vocabulary.Slug, found.Slug);
        return await pages.RenderAsync("term", $"{found.Vocabulary.Name}: {found.Name}", new()
        {
            ["term"] = new TermView(found.Name, found.Slug, url, found.Vocabulary.Name, found.Vocabulary.Slug),
            ["articles"] = await ArticleQueries.CardsAsync(db, articles, number, site.PageSize, site.Zone, cancellation),
            ["pagination"] = SitePages.Pagination(number, site.PageSize, total, url),
        }, cancellation, new PageMeta(pages.Canonical(site), $"{found.Vocabulary.Name}: {found.Name}",
            $"Articles filed under {found.Vocabulary.Name}: {found.Name}", "website",
            Feeds.FeedEndpoints.Links(site, $"{found.Vocabulary.Name}: {found.Name}", url)));
    }
}
