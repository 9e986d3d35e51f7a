using Masthead.Articles;

namespace Masthead.Importing;

/// <summary>An article as any importer read it, before it meets the store.</summary>
public sealed record IncomingArticle
{
    /// <summary>Identity across re-imports ("page:…", "md:…"); a second import of the same source updates.</summary>
    public required string SourceId { get; init; }
    public required string Slug { get; init; }
    public required string Headline { get; init; }
    public string? Dek { get; init; }
    public required string BodyMarkdown { get; init; }
    public ArticleStatus Status { get; init; } = ArticleStatus.Published;
    public DateTime? PublishedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? Dateline { get; init; }
    public Origin? Origin { get; init; }
    public string? ReaderNote { get; init; }
    public bool Featured { get; init; }
    public bool IsPage { get; init; }
    public Articles.Visibility Visibility { get; init; }
    /// <summary>The lead image's address; null leaves an image set earlier (in the editor, say) as it is.</summary>
    public string? FeaturedImage { get; init; }
    /// <summary>The lead image's alt text and caption as the source gave them (Ghost's feature_image_alt and _caption).</summary>
    public string? FeaturedImageAlt { get; init; }
    public string? FeaturedImageCaption { get; init; }
    public IReadOnlyList<string> Bylines { get; init; } = [];
    /// <summary>Vocabulary name or slug → term names, in the order they should be shown.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Terms { get; init; } = [];
}
