namespace Masthead.Feeds;

/// <summary>One feed, whatever its format: the site's, an author's or a term's.</summary>
public sealed record Feed(
    string Title, string Description, string PageUrl, string RssUrl, string AtomUrl, DateTime Updated, IReadOnlyList<FeedItem> Items);

/// <summary>An article as feeds carry it. <see cref="ContentHtml"/> is null when the site sends excerpts only.</summary>
public sealed record FeedItem(
    Guid Uuid, string Title, string Url, DateTime Published, DateTime Updated, IReadOnlyList<FeedAuthor> Authors,
    IReadOnlyList<FeedCategory> Categories, string Summary, string? ContentHtml, string? Image);

public sealed record FeedAuthor(string Name, string Url);

public sealed record FeedCategory(string Name, string Slug, string VocabularyUrl);

/// <summary>A discovery link for a page's &lt;head&gt;: &lt;link rel="alternate" type=… title=… href=…&gt;.</summary>
public sealed record FeedLink(string Title, string Type, string Url);
