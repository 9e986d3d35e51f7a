using System.Xml.Linq;
using Masthead.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Sitemaps;

public class SitemapTests : IAsyncLifetime
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>Two addresses per sitemap, so that five articles need three pages.</summary>
    private readonly MastheadApp app = new() { Settings = { ["Masthead:SitemapPageSize"] = "2" } };
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("sitemaps");
        var now = DateTime.UtcNow;
        string Date(TimeSpan ago) => (now - ago).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var ages = new[] { TimeSpan.FromDays(400), TimeSpan.FromDays(30), TimeSpan.FromDays(3), TimeSpan.FromHours(47), TimeSpan.FromHours(1) };
        for (var i = 0; i < ages.Length; i++)
            await File.WriteAllTextAsync(Path.Combine(folder, $"a{i}.md"),
                $"---\ntitle: Story {i} & more\ndate: {Date(ages[i])}\nauthors: [{(i % 2 == 0 ? "Jane Roe" : "John Doe")}]\nregion: [Region {i % 3}]\n---\n\nText {i}.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "draft.md"), $"---\ntitle: Draft\ndate: {Date(TimeSpan.FromHours(2))}\ndraft: true\nauthors: [Nobody Else]\n---\n\nNo.\n");
        await app.ImportMarkdownAsync(folder);
        client = app.CreateClient();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<XDocument> GetValidAsync(string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return SitemapSchemas.Validate(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_index_lists_paged_sitemaps_that_together_hold_every_public_address()
    {
        var index = await GetValidAsync("/sitemap.xml");
        Assert.Equal("sitemapindex", index.Root!.Name.LocalName);
        var sitemaps = index.Root.Elements(Sm + "sitemap").Select(s => s.Element(Sm + "loc")!.Value).ToList();
        Assert.Equal(new[] { "articles-1", "articles-2", "articles-3", "authors-1", "terms-1", "terms-2", "news" }
            .Select(n => n == "news" ? "http://localhost/sitemap-news.xml" : $"http://localhost/sitemap-{n}.xml"), sitemaps);

        var listed = new List<(string Loc, DateTime LastMod)>();
        foreach (var sitemap in sitemaps.Where(s => !s.EndsWith("news.xml")))
        {
            var urlset = await GetValidAsync(new Uri(sitemap).PathAndQuery);
            var urls = urlset.Root!.Elements(Sm + "url").ToList();
            Assert.InRange(urls.Count, 1, 2);
            listed.AddRange(urls.Select(u => (u.Element(Sm + "loc")!.Value, DateTime.Parse(u.Element(Sm + "lastmod")!.Value).ToUniversalTime())));
            var declared = index.Root.Elements(Sm + "sitemap").Single(s => s.Element(Sm + "loc")!.Value == sitemap).Element(Sm + "lastmod")!.Value;
            Assert.Equal(urls.Max(u => DateTime.Parse(u.Element(Sm + "lastmod")!.Value).ToUniversalTime()), DateTime.Parse(declared).ToUniversalTime());
        }

        var expected = await app.WithDbAsync(async db => new
        {
            Articles = await db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => new { a.Slug, a.UpdatedAt }).ToListAsync(),
        });
        foreach (var article in expected.Articles)
        {
            var entry = Assert.Single(listed, l => l.Loc == $"http://localhost/{article.Slug}/");
            Assert.Equal(article.UpdatedAt, entry.LastMod, TimeSpan.FromSeconds(1));
        }
        Assert.Equal(5, listed.Count(l => !l.Loc.Contains("/author/") && !l.Loc.Contains("/region/")));
        Assert.Equal(["http://localhost/author/jane-roe/", "http://localhost/author/john-doe/"], listed.Where(l => l.Loc.Contains("/author/")).Select(l => l.Loc).Order());
        Assert.Equal(3, listed.Count(l => l.Loc.Contains("/region/")));
    }

    [Fact]
    public async Task The_news_sitemap_holds_the_last_48_hours_only()
    {
        var news = await GetValidAsync("/sitemap-news.xml");
        var items = news.Root!.Elements(Sm + "url").Select(u => u.Element(News + "news")!).ToList();
        Assert.Equal(["Story 4 & more", "Story 3 & more"], items.Select(n => n.Element(News + "title")!.Value));
        Assert.All(items, n => Assert.Equal("en", n.Element(News + "publication")!.Element(News + "language")!.Value));
    }

    [Fact]
    public async Task Robots_txt_points_at_both_sitemaps_and_keeps_crawlers_out_of_the_back_office()
    {
        var text = await client.GetStringAsync("/robots.txt", TestContext.Current.CancellationToken);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Sitemap: http://localhost/sitemap.xml", "Sitemap: http://localhost/sitemap-news.xml"], lines.Where(l => l.StartsWith("Sitemap:")));
        Assert.Contains("Disallow: /admin/", lines);
    }

    [Theory]
    [InlineData("/sitemap-articles-4.xml")]
    [InlineData("/sitemap-articles-0.xml")]
    [InlineData("/sitemap-drafts-1.xml")]
    public async Task Pages_past_the_end_are_not_found(string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)response.StatusCode);
    }
}
