using System.Text.Json;
using Masthead.Feeds;
using Masthead.Publishing.Theme;

namespace Masthead.Articles;

/// <summary>An article page's &lt;head&gt;: canonical link, Open Graph, Twitter card and JSON-LD NewsArticle.</summary>
public static class ArticleMeta
{
    private static readonly JsonSerializerOptions Json = new();

    /// <summary>Where search engines should send readers: this page, or the original when the editor said it is canonical.</summary>
    public static string Canonical(ArticleView article, SiteView site) =>
        article.Origin is { IsCanonical: true, Url: { } original } ? original : site.Absolute(article.Url);

    public static PageMeta For(ArticleView article, SiteView site)
    {
        var description = article.Dek ?? article.Excerpt;
        var shared = article.FeaturedPicture?.Shared;
        var image = shared is { } picture ? site.Absolute(picture.Src) : site.AbsoluteImage(article.FeaturedImage);
        var tags = article.Taxonomy.SelectMany(g => g.Terms).Select(t => t.Name).ToList();
        if (article.IsPage)
            return new PageMeta(Canonical(article, site), article.Headline, description, "website", FeedEndpoints.Links(site))
            {
                Image = image,
                JsonLd = JsonSerializer.Serialize(Node(new()
                {
                    ["@context"] = "https://schema.org", ["@type"] = "WebPage", ["name"] = article.Headline, ["description"] = description,
                    ["url"] = site.Absolute(article.Url), ["dateModified"] = article.UpdatedIso,
                }), Json),
            };
        return new PageMeta(Canonical(article, site), article.Headline, description, "article", FeedEndpoints.Links(site))
        {
            Image = image,
            ImageWidth = shared?.Width,
            ImageHeight = shared?.Height,
            PublishedIso = article.PublishedIso,
            ModifiedIso = article.UpdatedIso,
            AuthorUrls = article.Bylines.Select(b => site.Absolute(b.Url)).ToList(),
            Tags = tags,
            JsonLd = JsonSerializer.Serialize(NewsArticle(article, site, description, image is null ? null : shared is { } size
                ? Node(new() { ["@type"] = "ImageObject", ["url"] = image, ["width"] = size.Width, ["height"] = size.Height }) : image, tags), Json),
        };
    }

    private static Dictionary<string, object> NewsArticle(ArticleView article, SiteView site, string description, object? image,
        IReadOnlyList<string> tags) => Node(new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "NewsArticle",
        ["headline"] = article.Headline,
        ["description"] = description,
        ["url"] = site.Absolute(article.Url),
        ["mainEntityOfPage"] = Node(new() { ["@type"] = "WebPage", ["@id"] = Canonical(article, site) }),
        ["datePublished"] = article.PublishedIso,
        ["dateModified"] = article.UpdatedIso,
        ["author"] = article.Bylines.Select(b => Node(new()
        {
            ["@type"] = "Person", ["name"] = b.Name, ["url"] = site.Absolute(b.Url),
        })).ToList(),
        ["publisher"] = Node(new()
        {
            ["@type"] = "NewsMediaOrganization", ["name"] = site.Name, ["url"] = site.Absolute("/"),
            // The publication's logo when it has one, else its square icon.
            ["logo"] = site.Logo is { Shared: var logo }
                ? Node(new() { ["@type"] = "ImageObject", ["url"] = site.Absolute(logo.Src), ["width"] = logo.Width, ["height"] = logo.Height })
                : Node(new() { ["@type"] = "ImageObject", ["url"] = site.Absolute(Media.SiteIcons.Largest), ["width"] = 512, ["height"] = 512 }),
        }),
        ["image"] = image is null ? null : new[] { image },
        ["keywords"] = tags.Count == 0 ? null : tags,
        ["isBasedOn"] = article.Origin is { } origin ? IsBasedOn(origin) : null,
    });

    /// <summary>A syndicated-in piece is based on the original: its address when known, else the outlet's work by name.</summary>
    private static object IsBasedOn(OriginView origin) => Node(new()
    {
        ["@type"] = "NewsArticle",
        ["url"] = origin.Url,
        ["datePublished"] = origin.DateIso,
        ["publisher"] = Node(new() { ["@type"] = "Organization", ["name"] = origin.Outlet }),
    });

    /// <summary>A JSON-LD node without the properties that have no value.</summary>
    private static Dictionary<string, object> Node(Dictionary<string, object?> properties) =>
        properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);
}
