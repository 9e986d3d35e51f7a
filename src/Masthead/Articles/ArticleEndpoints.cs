using Masthead.Data;
using Masthead.Publishing.Sharing;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

public static class ArticleEndpoints
{
    public static IEndpointRouteBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", HomeAsync);
        routes.MapGet("/{slug}/", ArticleAsync);
        return routes;
    }

    private static async Task<IResult> HomeAsync(int? page, MastheadDb db, SitePages pages, CancellationToken cancellation)
    {
        var site = await pages.SiteAsync(cancellation);
        var pageSize = site.PageSize;
        var published = ArticleQueries.PublishedPosts(db);
        var total = await published.CountAsync(cancellation);
        if (SitePages.PageNumber(page, total, pageSize) is not { } number) return await pages.NotFoundAsync(cancellation);
        return await pages.RenderAsync("home", number == 1 ? null : $"Page {number}", new()
        {
            ["articles"] = await ArticleQueries.CardsAsync(db, published, number, pageSize, site.Zone, cancellation),
            ["pagination"] = SitePages.Pagination(number, pageSize, total, "/"),
        }, cancellation);
    }

    private static async Task<IResult> ArticleAsync(string slug, string? comments, MastheadDb db, SitePages pages, Members.Readers readers,
        Comments.CommentThreads threads, ArticleCache articles, HttpContext http, CancellationToken cancellation)
    {
        var site = await pages.SiteAsync(cancellation);
        if (await articles.PublishedBySlugAsync(db, slug, site.Zone, cancellation) is not { } loaded) return await pages.NotFoundAsync(cancellation);
        var article = await loaded.ForReaderAsync(async visibility => Members.Readers.MayRead(await readers.MemberAsync(cancellation), visibility));
        Events.CacheKeys.Tag(http, article.CacheKeys ?? []);
        // Members get their own (private) answer; a shared cache must not hand the anonymous preview to them.
        if (article.Visibility != "public") http.Response.Headers.Append("Vary", "Cookie");
        return await pages.RenderAsync("article", article.Headline, new()
        {
            ["comments"] = await threads.LoadAsync(article.CommentTarget, site, (await readers.MemberAsync(cancellation))?.Id, 1, comments == "newest", cancellation),
            ["article"] = article,
            ["share"] = ShareLinks.For(site.Absolute(article.Url), article.Headline),
            ["share_url"] = site.Absolute(article.Url),
        }, cancellation, ArticleMeta.For(article, site));
    }
}
