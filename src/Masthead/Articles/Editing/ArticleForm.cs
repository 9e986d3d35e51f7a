namespace Masthead.Articles.Editing;

/// <summary>What the editor form posts. Kept as typed so that a refused save shows it again unchanged.</summary>
public sealed class ArticleForm
{
    public string? Headline { get; set; }
    public string? Dek { get; set; }
    public string? Slug { get; set; }
    public string? Dateline { get; set; }
    public string? BodyMarkdown { get; set; }
    /// <summary>Byline slots in order; empty slots are skipped.</summary>
    public List<int?> Bylines { get; set; } = [];
    public List<int> TermIds { get; set; } = [];
    /// <summary>Per vocabulary id, new terms to create, comma separated.</summary>
    public Dictionary<int, string?> NewTerms { get; set; } = [];
    public string? OriginOutlet { get; set; }
    public string? OriginUrl { get; set; }
    public DateOnly? OriginDate { get; set; }
    public bool OriginIsCanonical { get; set; }
    public string? ReaderNote { get; set; }
    public string? FeaturedImage { get; set; }
    /// <summary>The featured image's alt text on this article; empty: the media library's.</summary>
    public string? FeaturedImageAlt { get; set; }
    public string? FeaturedImageCaption { get; set; }
    public bool Featured { get; set; }
    public bool IsPage { get; set; }
    public Visibility Visibility { get; set; }
    /// <summary>Who may comment; null: as the site's settings say.</summary>
    public Comments.CommentsMode? CommentsMode { get; set; }
    /// <summary>For scheduling: a local date and time in the site's zone.</summary>
    public DateTime? PublishAt { get; set; }
    /// <summary>The article's version when the form was opened: a save from an older one is a conflict, never an overwrite.</summary>
    public uint Version { get; set; }
    /// <summary>The revision the form was opened on, to show what others changed since.</summary>
    public int BaseRevision { get; set; }

    public static ArticleForm From(Article article, TimeZoneInfo zone, int baseRevision) => new()
    {
        Version = article.Version,
        BaseRevision = baseRevision,
        Headline = article.Headline,
        Dek = article.Dek,
        Slug = article.Slug,
        Dateline = article.Dateline,
        BodyMarkdown = article.BodyMarkdown,
        Bylines = article.Bylines.OrderBy(b => b.Position).Select(b => (int?)b.PersonId).ToList(),
        TermIds = article.Terms.OrderBy(t => t.Position).Select(t => t.TermId).ToList(),
        OriginOutlet = article.Origin?.Outlet,
        OriginUrl = article.Origin?.Url,
        OriginDate = article.Origin?.OriginalDate,
        OriginIsCanonical = article.Origin?.IsCanonical ?? false,
        ReaderNote = article.ReaderNote,
        FeaturedImage = article.FeaturedImage,
        FeaturedImageAlt = article.FeaturedImageAlt,
        FeaturedImageCaption = article.FeaturedImageCaption,
        Featured = article.Featured,
        IsPage = article.IsPage,
        Visibility = article.Visibility,
        CommentsMode = article.CommentsMode,
        PublishAt = article.Status == ArticleStatus.Scheduled && article.PublishedAt is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(at, zone) : null,
    };
}

public static class ArticleForms
{
    /// <summary>Whether two forms would save the same article: empty byline slots and empty new-term boxes do not count.</summary>
    public static bool SameContent(this ArticleForm a, ArticleForm b) => Comparable(a) == Comparable(b);

    private static string Comparable(ArticleForm form) => System.Text.Json.JsonSerializer.Serialize(new
    {
        form.Headline, form.Dek, form.Slug, form.Dateline, Body = form.BodyMarkdown?.Replace("\r\n", "\n"),
        Bylines = form.Bylines.OfType<int>(), form.TermIds,
        NewTerms = form.NewTerms.Where(t => !string.IsNullOrWhiteSpace(t.Value)).OrderBy(t => t.Key),
        form.OriginOutlet, form.OriginUrl, form.OriginDate, form.OriginIsCanonical, form.ReaderNote, form.FeaturedImage, form.FeaturedImageAlt, form.FeaturedImageCaption, form.Featured, form.IsPage, form.Visibility, form.CommentsMode,
    });
}

public enum EditorAction { Save, Submit, Publish, Schedule, Unpublish }
