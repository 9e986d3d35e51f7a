using Masthead.Data;
using Masthead.Media;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

public static class ArticleQueries
{
    public static IQueryable<Article> Published(MastheadDb db) =>
        db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);

    /// <summary>Published articles that are not pages: what the home page, archives and feeds list.</summary>
    public static IQueryable<Article> PublishedPosts(MastheadDb db) => Published(db).Where(a => !a.IsPage);

    /// <summary>A published article as every reader sees it, with what a reader refused the gated body gets instead.</summary>
    public sealed record Loaded(ArticleView View, Visibility Visibility, string PreviewHtml, TimeZoneInfo Zone)
    {
        public long Bytes => 2L * (View.BodyHtml.Length + PreviewHtml.Length) + 4096;

        /// <summary>The article as this reader may read it: <paramref name="mayRead"/> is asked only of a gated article, and a
        /// reader it refuses gets the preview in <see cref="ArticleView.BodyHtml"/> (<see cref="ArticleView.Gated"/>).</summary>
        public async Task<ArticleView> ForReaderAsync(Func<Visibility, Task<bool>> mayRead) =>
            Visibility == Visibility.Public || await mayRead(Visibility) ? View : View with { BodyHtml = PreviewHtml, Gated = true };
    }

    public static async Task<ArticleView?> PublishedBySlugAsync(MastheadDb db, string slug, TimeZoneInfo zone, Func<Visibility, Task<bool>> mayRead,
        CancellationToken cancellation) =>
        await LoadPublishedAsync(db, slug, zone, cancellation) is { } loaded ? await loaded.ForReaderAsync(mayRead) : null;

    public static async Task<Loaded?> LoadPublishedAsync(MastheadDb db, string slug, TimeZoneInfo zone, CancellationToken cancellation)
    {
        // Split: as one query, SQLite joins every byline and every term of the site before it filters by slug.
        var article = await Published(db).AsSplitQuery()
            .Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary)
            .Include(a => a.Notes)
            .SingleOrDefaultAsync(a => a.Slug == slug, cancellation);
        if (article is null) return null;
        var view = ToView(article, zone);
        var media = await ResponsiveImages.PicturesInAsync(db, [article.FeaturedImage, article.BodyHtml, article.PreviewHtml], cancellation);
        var library = ResponsiveImages.Item(view.FeaturedImage, media);
        var alt = article.FeaturedImageAlt ?? library?.Alt ?? "";
        var picture = ResponsiveImages.For(view.FeaturedImage, media, alt);
        var eager = view.FeaturedImage is null; // the featured image, when there is one, is the page's first picture
        return new Loaded(view with
            {
                BodyHtml = ResponsiveImages.Enhance(view.BodyHtml, media, eager), FeaturedPicture = picture,
                FeaturedAlt = alt, FeaturedCaption = article.FeaturedImageCaption ?? library?.Caption,
            },
            article.Visibility, ResponsiveImages.Enhance(article.PreviewHtml, media, eager), zone);
    }

    public static ArticleView ToView(Article article, TimeZoneInfo zone)
    {
        var published = article.PublishedAt ?? article.UpdatedAt;
        var taxonomy = article.Terms
            .OrderBy(t => t.Term.Vocabulary.Position).ThenBy(t => t.Position)
            .GroupBy(t => t.Term.VocabularyId)
            .Select(g => Group(g.First().Term.Vocabulary, g))
            .ToList();
        var origin = article.Origin is { } o
            ? new OriginView(o.Outlet, WebAddress.HttpOrNull(o.Url), o.OriginalDate?.ToString("yyyy-MM-dd"),
                o.OriginalDate?.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture), o.IsCanonical && WebAddress.IsHttp(o.Url))
            : null;
        return new ArticleView(
            article.Slug, SiteRoutes.Article(article.Slug), article.Headline, article.Dek, article.BodyHtml, article.Dateline,
            SiteDates.Iso(published, zone), SiteDates.Display(published, zone), SiteDates.Iso(article.UpdatedAt, zone),
            article.Bylines.OrderBy(b => b.Position)
                .Select(b => new PersonLink(b.Person.Name, b.Person.Slug, SiteRoutes.Author(b.Person.Slug), b.Person.BioHtml)).ToList(),
            taxonomy, origin, article.ReaderNote, WebAddress.ImageOrNull(article.FeaturedImage),
            article.Notes.OrderBy(n => n.At).Select(n => new NoteView(n.Kind.ToString(), n.Text, SiteDates.Iso(n.At, zone),
                SiteDates.DisplayWithTime(n.At, zone), n.AmendedAt is { } amended ? SiteDates.DisplayWithTime(amended, zone) : null)).ToList(),
            article.Excerpt, article.IsPage,
            [Events.CacheKeys.Article(article.Id), .. article.Terms.Select(t => Events.CacheKeys.Term(t.TermId)),
                .. article.Bylines.Select(b => Events.CacheKeys.Person(b.PersonId))],
            article.Visibility.ToString().ToLowerInvariant())
        {
            CommentTarget = new(article.Id, article.Slug, article.Headline, article.PublishedAt, article.CommentsMode),
        };
    }


    private static TermGroup Group(Taxonomy.Vocabulary vocabulary, IEnumerable<ArticleTerm> terms) =>
        new(vocabulary.Name, vocabulary.Slug, terms.Select(t => new TermLink(t.Term.Name, SiteRoutes.Term(vocabulary.Slug, t.Term.Slug))).ToList());

    public static IQueryable<Article> PublishedBy(MastheadDb db, int personId) =>
        PublishedPosts(db).Where(a => db.Set<Byline>().Where(b => b.PersonId == personId).Select(b => b.ArticleId).Contains(a.Id));

    public static IQueryable<Article> PublishedUnder(MastheadDb db, int termId) =>
        PublishedPosts(db).Where(a => db.Set<ArticleTerm>().Where(t => t.TermId == termId).Select(t => t.ArticleId).Contains(a.Id));

    /// <summary>
    /// One page of an archive, newest first. The bylines are fetched for that page's ids only: a joined projection makes
    /// SQLite join every byline of the site first.
    /// </summary>
    public static async Task<IReadOnlyList<ArticleCard>> CardsAsync(MastheadDb db, IQueryable<Article> articles, int page, int pageSize,
        TimeZoneInfo zone, CancellationToken cancellation)
    {
        var onPage = articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize);
        return await CardsInOrderAsync(db, onPage, zone, cancellation);
    }

    /// <summary>Cards for the articles of a query, in the query's order.</summary>
    public static async Task<IReadOnlyList<ArticleCard>> CardsInOrderAsync(MastheadDb db, IQueryable<Article> articles,
        TimeZoneInfo zone, CancellationToken cancellation)
    {
        var rows = await articles
            .Select(a => new
            {
                a.Id, a.Slug, a.Headline, a.Dek, a.Excerpt, a.Dateline, PublishedAt = a.PublishedAt!.Value,
                Comments = db.Comments.Count(c => c.ArticleId == a.Id && c.Status == Comments.CommentStatus.Approved),
            })
            .ToListAsync(cancellation);
        var ids = rows.Select(r => r.Id).ToList();
        var bylines = (await db.Set<Byline>().AsNoTracking()
                .Where(b => ids.Contains(b.ArticleId))
                .OrderBy(b => b.Position)
                .Select(b => new { b.ArticleId, b.Person.Name, b.Person.Slug })
                .ToListAsync(cancellation))
            .ToLookup(b => b.ArticleId, b => new PersonLink(b.Name, b.Slug, SiteRoutes.Author(b.Slug), null));
        return rows.Select(r => new ArticleCard(
                r.Id, SiteRoutes.Article(r.Slug), r.Headline, r.Dek ?? r.Excerpt, r.Dateline,
                SiteDates.Iso(r.PublishedAt, zone), SiteDates.Display(r.PublishedAt, zone), bylines[r.Id].ToList(), r.Comments))
            .ToList();
    }
}
