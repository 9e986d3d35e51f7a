namespace Masthead.Events;

/// <summary>
/// Names for what a public response shows, sent as Surrogate-Key and Cache-Tag and purged by the same names when a
/// publication event says it changed. An article page carries its own key and those of its terms and bylines, so
/// renaming a term drops the pages that show the old name.
/// </summary>
public static class CacheKeys
{
    /// <summary>Everything: a change to the whole site (settings, a vocabulary) purges the site's own tag.</summary>
    public const string Site = "site";
    public const string Home = "home", Feeds = "feeds", Sitemaps = "sitemaps", Search = "search", Api = "api", Missing = "missing";
    /// <summary>The comment feeds: what a comment's approval, edit or removal reaches besides its article's page.</summary>
    public const string Comments = "comments";

    /// <summary>What every change to a published article reaches besides its own page, its terms and its people.</summary>
    public static readonly string[] Listings = [Home, Feeds, Sitemaps, Search, Api, Missing];

    public static string Article(int id) => $"article-{id}";
    public static string Term(int id) => $"term-{id}";
    public static string Person(int id) => $"person-{id}";

    private const string ItemKey = "masthead.cache-keys";

    /// <summary>Tags the response being made; <see cref="Publishing.Delivery.SiteDelivery"/> sends the tags.</summary>
    public static void Tag(HttpContext? context, IEnumerable<string> keys)
    {
        if (context is null) return;
        if (context.Items[ItemKey] is not HashSet<string> set) context.Items[ItemKey] = set = [];
        set.UnionWith(keys);
    }

    /// <summary>The keys an endpoint gave, else the kind of page the path is.</summary>
    public static IEnumerable<string> Of(HttpContext context)
    {
        if (context.Items[ItemKey] is HashSet<string> set) return set;
        if (context.Response.StatusCode == StatusCodes.Status404NotFound) return [Missing];
        var path = context.Request.Path.Value ?? "/";
        if (path == "/") return [Home];
        if (path.EndsWith("/feed/", StringComparison.Ordinal) || path.EndsWith("/feed/atom/", StringComparison.Ordinal)) return [Feeds];
        if (path.StartsWith("/sitemap", StringComparison.Ordinal) || path == "/robots.txt") return [Sitemaps];
        if (path.StartsWith("/search", StringComparison.Ordinal)) return [Search];
        if (path.StartsWith("/ghost/api/", StringComparison.Ordinal)) return [Api];
        // Any other page (later pages of the home page, index pages) lists articles: it changes when the home page does.
        return [Home];
    }
}
