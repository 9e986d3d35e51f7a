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
    public bool Featured { get; set; }
    public bool IsPage { get; set; }
    /// <summary>For scheduling: a local date and time in the site's zone.</summary>
    public DateTime? PublishAt { get; set; }

    public static ArticleForm From(Article article, TimeZoneInfo zone) => new()
    {
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
        Featured = article.Featured,
        IsPage = article.IsPage,
        PublishAt = article.Status == ArticleStatus.Scheduled && article.PublishedAt is { } at
            ? TimeZoneInfo.ConvertTimeFromUtc(at, zone) : null,
    };
}

public enum EditorAction { Save, Submit, Publish, Schedule, Unpublish }
