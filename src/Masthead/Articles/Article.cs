using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles;

/// <summary>draft → in review → scheduled → published → unpublished; the numbers are stored.</summary>
public enum ArticleStatus { Draft = 0, Published = 1, InReview = 2, Scheduled = 3, Unpublished = 4 }

/// <summary>Who may read the whole body (Ghost's <c>visibility</c>): everyone, signed-in members, or members of a paid tier.</summary>
public enum Visibility { Public = 0, Members = 1, Paid = 2 }

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
    /// <summary>The lead image's alt text here; when empty, the media library's for that picture.</summary>
    public string? FeaturedImageAlt { get; set; }
    /// <summary>The lead image's caption or credit here; when empty, the media library's.</summary>
    public string? FeaturedImageCaption { get; set; }
    /// <summary>Picked out by the editors (WordPress's "sticky", Ghost's "featured"): themes and front ends may put it first.</summary>
    public bool Featured { get; set; }
    /// <summary>A page ("About", "Contact"): at its own address and in sitemaps and search, never in the home page,
    /// archives, feeds or the Content API's posts (WordPress's and Ghost's pages).</summary>
    public bool IsPage { get; set; }
    public Visibility Visibility { get; set; }
    /// <summary>Who may comment on this article; null: the site's setting.</summary>
    public Comments.CommentsMode? CommentsMode { get; set; }
    /// <summary>What a reader without access gets of the body: up to the editor's marker, or the opening words. Derived on save.</summary>
    public string PreviewHtml { get; set; } = "";
    /// <summary>The body as anyone may read it: the whole of a public article, the preview of a gated one. Not stored.</summary>
    public string OpenHtml => Visibility == Visibility.Public ? BodyHtml : PreviewHtml;
    /// <summary>The staff member who created it in the back office: with a linked byline, what makes an article "own".</summary>
    public int? CreatedById { get; set; }
    /// <summary>Moves on every save; a save made from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }
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

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>, IEntityTypeConfiguration<Byline>, IEntityTypeConfiguration<ArticleTerm>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.HasIndex(a => a.Slug).IsUnique();
        article.HasIndex(a => a.SourceId).IsUnique();
        article.HasIndex(a => a.Uuid);
        article.HasIndex(a => new { a.Status, a.PublishedAt });
        article.HasIndex(a => new { a.Status, a.IsPage, a.PublishedAt });
        article.Property(a => a.Slug).HasMaxLength(200);
        article.Property(a => a.Headline).HasMaxLength(500);
        article.Property(a => a.SourceId).HasMaxLength(300);
        article.OwnsOne(a => a.Origin, origin =>
        {
            origin.Property(o => o.Outlet).HasColumnName("OriginOutlet").HasMaxLength(300);
            origin.Property(o => o.Url).HasColumnName("OriginUrl").HasMaxLength(2000);
            origin.Property(o => o.OriginalDate).HasColumnName("OriginDate");
            origin.Property(o => o.IsCanonical).HasColumnName("OriginIsCanonical");
        });
        article.HasMany(a => a.Bylines).WithOne().HasForeignKey(b => b.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.Terms).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.HasMany(a => a.Notes).WithOne().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
        article.Property(a => a.FeaturedImage).HasMaxLength(2000);
        article.Property(a => a.FeaturedImageAlt).HasMaxLength(Media.MediaLibrary.MaxAlt);
        article.Property(a => a.FeaturedImageCaption).HasMaxLength(Media.MediaLibrary.MaxCaption);
    }

    public void Configure(EntityTypeBuilder<Byline> byline)
    {
        byline.HasKey(b => new { b.ArticleId, b.PersonId });
        byline.HasOne(b => b.Person).WithMany().HasForeignKey(b => b.PersonId).OnDelete(DeleteBehavior.Restrict);
        byline.HasIndex(b => b.PersonId);
    }

    public void Configure(EntityTypeBuilder<ArticleTerm> term)
    {
        term.ToTable("ArticleTerms");
        term.HasKey(t => new { t.ArticleId, t.TermId });
        term.HasOne(t => t.Term).WithMany().HasForeignKey(t => t.TermId).OnDelete(DeleteBehavior.Restrict);
        term.HasIndex(t => t.TermId);
    }
}
