using Masthead.Articles;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.ContentApi;

/// <summary>Published articles as Content API posts: filtered and ordered in the store, one page loaded with its relations.</summary>
public static class ContentPosts
{
    /// <param name="pages">Ghost's pages resource: the articles that are pages, instead of the ones that are not.</param>
    public static IQueryable<Article> Filtered(MastheadDb db, NqlNode? filter, GhostCatalog catalog, bool pages = false)
    {
        var query = ArticleQueries.Published(db).Where(a => a.IsPage == pages);
        if (filter is null) return query;
        try { return query.Where(PostFilter.Build(filter, catalog)); }
        catch (NqlError error) { throw BrowseOptions.BadFilter(pages ? "pages" : "posts", error); }
    }

    /// <summary>Ghost's order parameter; newest first when none is given, and the id breaks ties so pages never overlap.</summary>
    public static IQueryable<Article> Ordered(IQueryable<Article> query, IReadOnlyList<(string Key, bool Descending)> order)
    {
        IOrderedQueryable<Article>? ordered = null;
        IOrderedQueryable<Article> By<T>(System.Linq.Expressions.Expression<Func<Article, T>> key, bool descending) =>
            ordered is null
                ? descending ? query.OrderByDescending(key) : query.OrderBy(key)
                : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);

        foreach (var (key, descending) in order.Count > 0 ? order : [("published_at", true)])
        {
            ordered = key switch
            {
                "published_at" => By(a => a.PublishedAt, descending),
                "updated_at" => By(a => a.UpdatedAt, descending),
                "created_at" => By(a => a.CreatedAt, descending),
                "title" => By(a => a.Headline, descending),
                "slug" => By(a => a.Slug, descending),
                "featured" => By(a => a.Featured, descending),
                "id" => By(a => a.Id, descending),
                _ => throw new GhostRequestError(400, "BadRequestError", "Request not understood error, cannot list posts.", $"Posts cannot be ordered by '{key}'"),
            };
        }
        return ordered!.ThenByDescending(a => a.Id);
    }

    /// <summary>The posts of these ids, in this order, with tags (vocabulary order, then term order) and authors.</summary>
    public static async Task<IReadOnlyList<ContentPost>> LoadAsync(MastheadDb db, IReadOnlyList<int> ids, GhostCatalog catalog,
        CancellationToken cancellation)
    {
        var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Uuid, a.Slug, a.Headline, a.Dek, a.BodyText, a.FeaturedImage, a.FeaturedImageAlt, a.FeaturedImageCaption, a.Featured,
                a.CreatedAt, a.UpdatedAt,
                // Article.OpenHtml, spelled out so that the store sends one body, not both: a gated article's html is its
                // preview, as Ghost limits it for a request without a member's access.
                BodyHtml = a.Visibility == Visibility.Public ? a.BodyHtml : a.PreviewHtml, a.Visibility,
                PublishedAt = a.PublishedAt!.Value, a.Origin, a.CommentsMode,
            })
            .ToDictionaryAsync(a => a.Id, cancellation);
        var terms = (await db.Set<ArticleTerm>().AsNoTracking().Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.TermId, t.Position }).ToListAsync(cancellation))
            .Where(t => catalog.TagsByTermId.ContainsKey(t.TermId))
            .OrderBy(t => catalog.TagsByTermId[t.TermId].VocabularyPosition).ThenBy(t => t.Position)
            .ToLookup(t => t.ArticleId, t => catalog.TagsByTermId[t.TermId]);
        var bylines = (await db.Set<Byline>().AsNoTracking().Where(b => ids.Contains(b.ArticleId))
                .Select(b => new { b.ArticleId, b.PersonId, b.Position }).ToListAsync(cancellation))
            .Where(b => catalog.AuthorsByPersonId.ContainsKey(b.PersonId))
            .OrderBy(b => b.Position)
            .ToLookup(b => b.ArticleId, b => catalog.AuthorsByPersonId[b.PersonId]);

        // Pictures of the media library at the width other sites are given, not the full-size upload.
        var media = await Media.ResponsiveImages.PicturesInAsync(db, rows.Values.SelectMany(r => new[] { r.FeaturedImage, r.BodyHtml }), cancellation);

        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(a => new ContentPost(
            a.Id, a.Uuid, a.Slug, a.Headline, a.Dek, Media.ResponsiveImages.ForOtherSites(a.BodyHtml, media), a.BodyText.Trim(),
            Media.ResponsiveImages.For(a.FeaturedImage, media)?.Shared.Src ?? a.FeaturedImage, a.Featured, a.CreatedAt, a.UpdatedAt,
            a.PublishedAt, a.Origin is { IsCanonical: true, Url: { } url } ? url : null, terms[a.Id].ToList(), bylines[a.Id].ToList(),
            a.Visibility.ToString().ToLowerInvariant(), a.CommentsMode)
        {
            FeaturedImageAlt = a.FeaturedImageAlt ?? Media.ResponsiveImages.Item(a.FeaturedImage, media)?.Alt,
            FeaturedImageCaption = a.FeaturedImageCaption ?? Media.ResponsiveImages.Item(a.FeaturedImage, media)?.Caption,
        }).ToList();
    }
}
