using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Feeds;

/// <summary>
/// RSS at …/feed/ and Atom at …/feed/atom/ (WordPress's addresses) for the site, each author and each term.
/// </summary>
public static class FeedEndpoints
{
    public const string RssType = "application/rss+xml";
    public const string AtomType = "application/atom+xml";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feed/", (MastheadDb db, SitePages pages, CancellationToken c) => SiteFeedAsync(db, pages, atom: false, c));
        routes.MapGet("/feed/atom/", (MastheadDb db, SitePages pages, CancellationToken c) => SiteFeedAsync(db, pages, atom: true, c));
        routes.MapGet("/author/{slug}/feed/", (string slug, MastheadDb db, SitePages pages, CancellationToken c) => AuthorFeedAsync(slug, db, pages, false, c));
        routes.MapGet("/author/{slug}/feed/atom/", (string slug, MastheadDb db, SitePages pages, CancellationToken c) => AuthorFeedAsync(slug, db, pages, true, c));
        routes.MapGet("/{vocabulary}/{term}/feed/", (string vocabulary, string term, MastheadDb db, SitePages pages, CancellationToken c) =>
            TermFeedAsync(vocabulary, term, db, pages, false, c));
        routes.MapGet("/{vocabulary}/{term}/feed/atom/", (string vocabulary, string term, MastheadDb db, SitePages pages, CancellationToken c) =>
            TermFeedAsync(vocabulary, term, db, pages, true, c));
        return routes;
    }

    /// <summary>The discovery links for a page whose own feed lives under <paramref name="pagePath"/>, plus the site's.</summary>
    public static IReadOnlyList<FeedLink> Links(SiteView site, string? title = null, string? pagePath = null)
    {
        var links = new List<FeedLink>();
        if (title is not null && pagePath is not null)
        {
            links.Add(new FeedLink($"{site.Name} » {title} (RSS)", RssType, site.Absolute(pagePath + "feed/")));
            links.Add(new FeedLink($"{site.Name} » {title} (Atom)", AtomType, site.Absolute(pagePath + "feed/atom/")));
        }
        links.Add(new FeedLink($"{site.Name} (RSS)", RssType, site.Absolute("/feed/")));
        links.Add(new FeedLink($"{site.Name} (Atom)", AtomType, site.Absolute("/feed/atom/")));
        return links;
    }

    private static async Task<IResult> SiteFeedAsync(MastheadDb db, SitePages pages, bool atom, CancellationToken cancellation)
    {
        var site = await pages.SiteAsync(cancellation);
        return await FeedAsync(db, site, site.Name, site.Tagline ?? $"The latest from {site.Name}", "/", ArticleQueries.PublishedPosts(db), atom, cancellation);
    }

    private static async Task<IResult> AuthorFeedAsync(string slug, MastheadDb db, SitePages pages, bool atom, CancellationToken cancellation)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellation);
        if (person is null) return await pages.NotFoundAsync(cancellation);
        var site = await pages.SiteAsync(cancellation);
        return await FeedAsync(db, site, $"{site.Name} » Articles by {person.Name}", $"Articles by {person.Name} in {site.Name}",
            SiteRoutes.Author(person.Slug), ArticleQueries.PublishedBy(db, person.Id), atom, cancellation);
    }

    private static async Task<IResult> TermFeedAsync(string vocabulary, string term, MastheadDb db, SitePages pages, bool atom,
        CancellationToken cancellation)
    {
        var found = await db.Terms.AsNoTracking().Include(t => t.Vocabulary)
            .SingleOrDefaultAsync(t => t.Slug == term && t.Vocabulary.Slug == vocabulary, cancellation);
        if (found is null) return await pages.NotFoundAsync(cancellation);
        var site = await pages.SiteAsync(cancellation);
        return await FeedAsync(db, site, $"{site.Name} » {found.Vocabulary.Name}: {found.Name}",
            $"Articles filed under {found.Vocabulary.Name}: {found.Name}", SiteRoutes.Term(found.Vocabulary.Slug, found.Slug),
            ArticleQueries.PublishedUnder(db, found.Id), atom, cancellation);
    }

    private static async Task<IResult> FeedAsync(MastheadDb db, SiteView site, string title, string description, string pagePath,
        IQueryable<Article> articles, bool atom, CancellationToken cancellation)
    {
        var items = await FeedQueries.ItemsAsync(db, articles, site, cancellation);
        var updated = items.Select(i => i.Updated).DefaultIfEmpty(site.ContentChangedAt ?? DateTime.UnixEpoch).Max();
        var feed = new Feed(title, description, site.Absolute(pagePath), site.Absolute(pagePath + "feed/"),
            site.Absolute(pagePath + "feed/atom/"), updated, items);
        return atom
            ? Results.Bytes(FeedWriter.Atom(feed, site.Name), AtomType + "; charset=utf-8")
            : Results.Bytes(FeedWriter.Rss(feed), RssType + "; charset=utf-8");
    }
}
