namespace Masthead.Publishing;

/// <summary>
/// The public URL scheme, in one place: articles at /{slug}/, people at /author/{slug}/, terms at /{vocabulary}/{term}/.
/// </summary>
public static class SiteRoutes
{
    /// <summary>First path segments the site uses itself; no article or vocabulary may take them.</summary>
    public static readonly HashSet<string> Reserved =
        ["author", "authors", "admin", "api", "assets", "media", "search", "feed", "rss", "atom", "sitemap", "sitemap.xml",
         "robots.txt", "membership", "comments", "newsletter", "ghost", "page", "tag", "static", "favicon.ico"];

    public static string Article(string slug) => $"/{Uri.EscapeDataString(slug)}/";
    public static string Author(string slug) => $"/author/{Uri.EscapeDataString(slug)}/";
    public static string Term(string vocabularySlug, string termSlug) => $"/{Uri.EscapeDataString(vocabularySlug)}/{Uri.EscapeDataString(termSlug)}/";
    public const string Membership = "/membership/";
}
