using System.Globalization;
using System.Text;
using System.Xml;
using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Sitemaps;

/// <summary>
/// /sitemap.xml is an index of paged sitemaps (articles, authors, terms; at most 50,000 addresses each, in id order so a
/// page's contents stay put as the site grows), plus /sitemap-news.xml for Google News and /robots.txt naming both.
/// </summary>
public static class SitemapEndpoints
{
    public const int MaxPageSize = 50_000;
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    private sealed record Entry(string Path, DateTime? LastModified);

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/robots.txt", async (SitePages pages, CancellationToken c) =>
        {
            var site = await pages.SiteAsync(c);
            return Results.Text($"""
                User-agent: *
                Disallow: /admin/
                Disallow: /search

                Sitemap: {site.Absolute("/sitemap.xml")}
                Sitemap: {site.Absolute("/sitemap-news.xml")}

                """, "text/plain; charset=utf-8");
        });
        routes.MapGet("/sitemap.xml", IndexAsync);
        routes.MapGet("/sitemap-news.xml", NewsAsync);
        routes.MapGet("/sitemap-{kind:regex(^(articles|authors|terms)$)}-{page:int}.xml", PageAsync);
        return routes;
    }

    private static int PageSize(Microsoft.Extensions.Options.IOptions<MastheadOptions> options) => options.Value.SitemapPageSize;

    private static async Task<IResult> IndexAsync(MastheadDb db, SitePages pages, Microsoft.Extensions.Options.IOptions<MastheadOptions> configuration, CancellationToken cancellation)
    {
        var site = await pages.SiteAsync(cancellation);
        var size = PageSize(configuration);
        var sitemaps = new List<Entry>();
        foreach (var kind in new[] { "articles", "authors", "terms" })
        {
            var entries = await EntriesAsync(db, kind, cancellation);
            sitemaps.AddRange(entries.Chunk(size).Select((chunk, i) =>
                new Entry($"/sitemap-{kind}-{i + 1}.xml", chunk.Max(e => e.LastModified) ?? site.ContentChangedAt)));
        }
        sitemaps.Add(new Entry("/sitemap-news.xml", site.ContentChangedAt));
        return Xml(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNs);
            foreach (var sitemap in sitemaps)
            {
                xml.WriteStartElement("sitemap", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, site.Absolute(sitemap.Path));
                if (sitemap.LastModified is { } at) xml.WriteElementString("lastmod", SitemapNs, W3c(at));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
    }

    private static async Task<IResult> PageAsync(string kind, int page, MastheadDb db, SitePages pages, Microsoft.Extensions.Options.IOptions<MastheadOptions> configuration,
        CancellationToken cancellation)
    {
        var size = PageSize(configuration);
        var entries = (await EntriesAsync(db, kind, cancellation)).Skip((page - 1) * size).Take(size).ToList();
        if (page < 1 || entries.Count == 0) return await pages.NotFoundAsync(cancellation);
        var site = await pages.SiteAsync(cancellation);
        return Xml(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, site.Absolute(entry.Path));
                if (entry.LastModified is { } at) xml.WriteElementString("lastmod", SitemapNs, W3c(at));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
    }

    /// <summary>Every address of one kind, in id order. Authors and terms appear only with a published article.</summary>
    private static async Task<IReadOnlyList<Entry>> EntriesAsync(MastheadDb db, string kind, CancellationToken cancellation)
    {
        var published = ArticleQueries.Published(db);
        switch (kind)
        {
            case "articles":
                return (await published.OrderBy(a => a.Id).Select(a => new { a.Slug, a.UpdatedAt }).ToListAsync(cancellation))
                    .Select(a => new Entry(SiteRoutes.Article(a.Slug), a.UpdatedAt)).ToList();
            case "authors":
                return (await db.People.AsNoTracking().OrderBy(p => p.Id)
                        .Select(p => new { p.Slug, Latest = db.Set<Byline>().Where(b => b.PersonId == p.Id)
                            .Join(published, b => b.ArticleId, a => a.Id, (b, a) => (DateTime?)a.UpdatedAt).Max() })
                        .Where(p => p.Latest != null).ToListAsync(cancellation))
                    .Select(p => new Entry(SiteRoutes.Author(p.Slug), p.Latest)).ToList();
            default:
                return (await db.Terms.AsNoTracking().OrderBy(t => t.Id)
                        .Select(t => new { t.Slug, Vocabulary = t.Vocabulary.Slug, Latest = db.Set<ArticleTerm>().Where(x => x.TermId == t.Id)
                            .Join(published, x => x.ArticleId, a => a.Id, (x, a) => (DateTime?)a.UpdatedAt).Max() })
                        .Where(t => t.Latest != null).ToListAsync(cancellation))
                    .Select(t => new Entry(SiteRoutes.Term(t.Vocabulary, t.Slug), t.Latest)).ToList();
        }
    }

    /// <summary>Google News: articles published in the last 48 hours, at most 1,000.</summary>
    private static async Task<IResult> NewsAsync(MastheadDb db, SitePages pages, TimeProvider clock, CancellationToken cancellation)
    {
        var site = await pages.SiteAsync(cancellation);
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-48);
        var recent = await ArticleQueries.PublishedPosts(db).Where(a => a.PublishedAt >= since)
            .OrderByDescending(a => a.PublishedAt).Take(1000)
            .Select(a => new { a.Slug, a.Headline, PublishedAt = a.PublishedAt!.Value }).ToListAsync(cancellation);
        return Xml(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNs);
            xml.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var article in recent)
            {
                xml.WriteStartElement("url", SitemapNs);
                xml.WriteElementString("loc", SitemapNs, site.Absolute(SiteRoutes.Article(article.Slug)));
                xml.WriteStartElement("news", NewsNs);
                xml.WriteStartElement("publication", NewsNs);
                xml.WriteElementString("name", NewsNs, Publishing.Body.PlainText.Storable(site.Name));
                xml.WriteElementString("language", NewsNs, "en");
                xml.WriteEndElement();
                xml.WriteElementString("publication_date", NewsNs, W3c(article.PublishedAt));
                xml.WriteElementString("title", NewsNs, Publishing.Body.PlainText.Storable(article.Headline));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        });
    }

    private static string W3c(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IResult Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            write(xml);
        }
        return Results.Bytes(stream.ToArray(), "application/xml; charset=utf-8");
    }
}
