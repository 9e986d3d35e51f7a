using Masthead.Feeds;

namespace Masthead.Publishing.Theme;

/// <summary>
/// What a page says about itself in &lt;head&gt;: canonical address, Open Graph and Twitter card fields, feed discovery
/// links and, for articles, JSON-LD. Templates render it (layout.liquid); endpoints fill it.
/// </summary>
public sealed record PageMeta(string Canonical, string Title, string? Description, string Type, IReadOnlyList<FeedLink> Feeds)
{
    public string? Image { get; init; }
    /// <summary>The image's size, when it is known (a picture of the media library).</summary>
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public string? PublishedIso { get; init; }
    public string? ModifiedIso { get; init; }
    public IReadOnlyList<string> AuthorUrls { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Serialized with every &lt; escaped, so it can sit inside &lt;script type="application/ld+json"&gt;.</summary>
    public string? JsonLd { get; init; }
    public bool NoIndex { get; init; }
}
