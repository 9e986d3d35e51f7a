namespace Masthead.Articles;

/// <summary>draft → in review → scheduled → published → unpublished; the numbers are stored.</summary>
public enum ArticleStatus { Draft = 0, Published = 1, InReview = 2, Scheduled = 3, Unpublished = 4 }

public sealed class Article
{
    public int Id { get; set; }
    /// <summary>Never changes, whatever happens to the slug: feed GUIDs and the Content API's uuid.</summary>
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public required string Slug { get; set; }
    public required string Headline { get; set; }
    public string? Dek { get; set; }
    public string BodyMarkdown { get; set; } = "";
    /// <summary>Rendered from <see cref="BodyMarkdown"/> and sanitized when the article is saved, never per request.</summary>
    public string BodyHtml { get; set; } = "";
    /// <summary>The opening of the body as plain text, for lists and feeds; derived on save.</summary>
    public string Excerpt { get; set; } = "";
    /// <summary>The whole body as plain text, derived on save: what full-text search indexes.</summary>
    public string BodyText { get; set; } = "";
    public ArticleStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The publication named in the dateline ("Global Research, January 16, 2020").</summary>
    public string? Dateline { get; set; }
    public Origin? Origin { get; set; }
    /// <summary>A note to readers that belongs to this article only (the site-wide one lives in site settings).</summary>
    public string? ReaderNote { get; set; }
    /// <summary>Where an import took the article from ("page:…", "md:…"), so that a re-import updates it.</summary>
    public string? SourceId { get; set; }
    /// <summary>Path of the lead image (usually under /media/), shown above the body and in cards and feeds.</summary>
    public string? FeaturedImage { get; set; }
    /// <summary>Picked out by the editors (WordPress's "sticky", Ghost's "featured"): themes and front ends may put it first.</summary>
    public bool Featured { get; set; }
    /// <summary>A page ("About", "Contact"): at its own address and in sitemaps and search, never in the home page,
    /// archives, feeds or the Content API's posts (WordPress's and Ghost's pages).</summary>
    public bool IsPage { get; set; }
    /// <summary>The staff member who created it in the back office: with a linked byline, what makes an article "own".</summary>
    public int? CreatedById { get; set; }
    public List<Editing.ArticleNote> Notes { get; } = [];
    public List<Byline> Bylines { get; } = [];
    public List<ArticleTerm> Terms { get; } = [];
}

/// <summary>Provenance of a syndicated-in piece: "Originally published in New Eastern Outlook".</summary>
public sealed class Origin
{
    public required string Outlet { get; set; }
    public string? Url { get; set; }
    public DateOnly? OriginalDate { get; set; }
    /// <summary>The copy at <see cref="Url"/> is the canonical one: this page's canonical link and JSON-LD point there.</summary>
    public bool IsCanonical { get; set; }
}

public sealed class Byline
{
    public int ArticleId { get; set; }
    public int PersonId { get; set; }
    public int Position { get; set; }
    public Authors.Person Person { get; set; } = null!;
}

public sealed class ArticleTerm
{
    public int ArticleId { get; set; }
    public int TermId { get; set; }
    public int Position { get; set; }
    public Taxonomy.Term Term { get; set; } = null!;
}
