namespace Masthead.Articles;

// What the Liquid templates see (as snake_case: article.published_display). Dates come formatted in the site's zone,
// and as ISO 8601 with offset for <time datetime>.

public sealed record PersonLink(string Name, string Slug, string Url, string? BioHtml);

public sealed record TermLink(string Name, string Url);

public sealed record TermGroup(string Vocabulary, string VocabularySlug, IReadOnlyList<TermLink> Terms);

public sealed record OriginView(string Outlet, string? Url, string? DateIso, string? DateDisplay, bool IsCanonical);

public sealed record ArticleView(
    string Slug,
    string Url,
    string Headline,
    string? Dek,
    string BodyHtml,
    string? Dateline,
    string PublishedIso,
    string PublishedDisplay,
    string UpdatedIso,
    IReadOnlyList<PersonLink> Bylines,
    IReadOnlyList<TermGroup> Taxonomy,
    OriginView? Origin,
    string? ReaderNote,
    string? FeaturedImage,
    IReadOnlyList<NoteView> Notes,
    string Excerpt,
    bool IsPage = false,
    IReadOnlyList<string>? CacheKeys = null,
    string Visibility = "public",
    /// <summary>True when <see cref="BodyHtml"/> is the preview: the reader may not read the rest.</summary>
    bool Gated = false)
{
    /// <summary>What comments need of the article, read with it: its id, publication time and own comment setting.</summary>
    public Comments.CommentThreads.Target CommentTarget { get; init; } = null!;
    /// <summary>The featured image with its size and variants, when it is in the media library.</summary>
    public Media.PictureView? FeaturedPicture { get; init; }
    /// <summary>The featured image's alt text and caption: the article's own, else the media library's.</summary>
    public string FeaturedAlt { get; init; } = "";
    public string? FeaturedCaption { get; init; }
}

/// <summary>A correction or update, as readers see it under the article.</summary>
public sealed record NoteView(string Kind, string Text, string AtIso, string AtDisplay, string? AmendedDisplay);

public sealed record ArticleCard(
    int Id,
    string Url,
    string Headline,
    string Excerpt,
    string? Dateline,
    string PublishedIso,
    string PublishedDisplay,
    IReadOnlyList<PersonLink> Bylines,
    int CommentCount = 0);

/// <summary>Newer and older page links for an archive; null where there is no such page.</summary>
public sealed record Pagination(int Page, int Pages, int Total, string? NewerUrl, string? OlderUrl);
