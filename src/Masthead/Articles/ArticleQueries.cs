using Masthead.Data;
using Masthead.Publishing;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles;

public static class ArticleQueries
{
    public static IQueryable<Article> Published(MastheadDb db) =>
        db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published && a.PublishedAt != null);

    public static async Task<ArticleView?> PublishedBySlugAsync(MastheadDb db, string slug, TimeZoneInfo zone, CancellationToken cancellation)
    {
        var article = await Published(db)
            .Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary)
            .SingleOrDefaultAsync(a => a.Slug == slug, cancellation);
        return article is null ? null : ToView(article, zone);
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
            ? new OriginView(o.Outlet, o.Url, o.OriginalDate?.ToString("yyyy-MM-dd"),
                o.OriginalDate?.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture))
            : null;
        return new ArticleView(
            article.Slug, SiteRoutes.Article(article.Slug), article.Headline, article.Dek, article.BodyHtml, article.Dateline,
            SiteDates.Iso(published, zone), SiteDates.Display(published, zone), SiteDates.Iso(article.UpdatedAt, zone),
            article.Bylines.OrderBy(b => b.Position)
                .Select(b => new PersonLink(b.Person.Name, b.Person.Slug, SiteRoutes.Author(b.Person.Slug), b.Person.BioHtml)).ToList(),
            taxonomy, origin, article.ReaderNote);
    }

    private static TermGroup Group(Taxonomy.Vocabulary vocabulary, IEnumerable<ArticleTerm> terms) =>
        new(vocabulary.Name, vocabulary.Slug, terms.Select(t => new TermLink(t.Term.Name, SiteRoutes.Term(vocabulary.Slug, t.Term.Slug))).ToList());

    /// <summary>One page of an archive, newest first.</summary>
    public static async Task<IReadOnlyList<ArticleCard>> CardsAsync(IQueryable<Article> articles, int page, int pageSize,
        TimeZoneInfo zone, CancellationToken cancellation)
    {
        var rows = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new
            {
                a.Slug, a.Headline, a.Dek, a.Excerpt, a.Dateline, PublishedAt = a.PublishedAt!.Value,
                Bylines = a.Bylines.OrderBy(b => b.Position).Select(b => new { b.Person.Name, b.Person.Slug }).ToList(),
            })
            .ToListAsync(cancellation);
        return rows.Select(r => new ArticleCard(
                SiteRoutes.Article(r.Slug), r.Headline, r.Dek ?? r.Excerpt, r.Dateline,
                SiteDates.Iso(r.PublishedAt, zone), SiteDates.Display(r.PublishedAt, zone),
                r.Bylines.Select(b => new PersonLink(b.Name, b.Slug, SiteRoutes.Author(b.Slug), null)).ToList()))
            .ToList();
    }
}
