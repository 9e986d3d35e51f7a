namespace Masthead.Publishing.Addresses;

/// <summary>
/// The public URL scheme, in one place: articles at /{slug}/, people at /author/{slug}/, terms at /{vocabulary}/{term}/.
/// </summary>
public static class SiteRoutes
{
    /// <summary>First path segments the site uses itself; no article or vocabulary may take them.</summary>
    public static readonly HashSet<string> Reserved =
        ["author", "authors", "admin", "api", "assets", "media", "search", "feed", "rss", "atom", "sitemap", "sitemap.xml",
         "robots.txt", "membership", "members", "account", "newsletters", "share", "comments", "newsletter", "ghost", "page", "tag", "static", "favicon.ico"];

    /// <summary>Why a vocabulary may not have this name (its archive address would be the site's own), or null.</summary>
    public static string? VocabularyNameProblem(string name)
    {
        var slug = Slugs.From(name);
        if (slug.Length == 0) return $"'{name}' cannot name a vocabulary: it has no letters or digits to make an address of";
        return Reserved.Contains(slug) ? $"'{name}' cannot name a vocabulary: the site uses /{slug}/ itself" : null;
    }

    public static string Article(string slug) => $"/{Uri.EscapeDataString(slug)}/";
    public static string Author(string slug) => $"/author/{Uri.EscapeDataString(slug)}/";
    public static string Term(string vocabularySlug, string termSlug) => $"/{Uri.EscapeDataString(vocabularySlug)}/{Uri.EscapeDataString(termSlug)}/";
    public const string Membership = "/membership/";
}
