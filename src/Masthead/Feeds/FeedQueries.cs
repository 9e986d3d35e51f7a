using System.Text.RegularExpressions;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Feeds;

public static partial class FeedQueries
{
    /// <summary>How many articles a feed carries, newest first (Ghost sends 15, WordPress 10).</summary>
    public const int Length = 20;

    public static async Task<IReadOnlyList<FeedItem>> ItemsAsync(MastheadDb db, IQueryable<Article> published, SiteView site,
        CancellationToken cancellation)
    {
        var articles = await published.AsSplitQuery()
            .Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Take(Length)
            .ToListAsync(cancellation);
        // Feed readers get the featured picture at the width other sites are given, not the full-size upload.
        var media = await Media.ResponsiveImages.PicturesInAsync(db,
            articles.SelectMany(a => new[] { a.FeaturedImage, site.FeedFullContent ? a.OpenHtml : null }), cancellation);
        string? Image(string? address) => Media.ResponsiveImages.For(address, media) is { } picture
            ? site.Absolute(picture.Shared.Src) : site.AbsoluteImage(address);
        return articles.Select(a => new FeedItem(
            a.Uuid, a.Headline, site.Absolute(SiteRoutes.Article(a.Slug)), a.PublishedAt!.Value, a.UpdatedAt,
            a.Bylines.OrderBy(b => b.Position).Select(b => new FeedAuthor(b.Person.Name, site.Absolute(SiteRoutes.Author(b.Person.Slug)))).ToList(),
            a.Terms.OrderBy(t => t.Term.Vocabulary.Position).ThenBy(t => t.Position)
                .Select(t => new FeedCategory(t.Term.Name, t.Term.Slug, site.Absolute($"/{t.Term.Vocabulary.Slug}/"))).ToList(),
            a.Dek ?? a.Excerpt,
            site.FeedFullContent ? site.AbsoluteLinks(Media.ResponsiveImages.ForOtherSites(a.OpenHtml, media)) : null,
            Image(a.FeaturedImage))).ToList();
    }
}
