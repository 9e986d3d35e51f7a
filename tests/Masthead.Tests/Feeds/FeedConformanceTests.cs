using System.Text.Json;
using Masthead.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Feeds;

/// <summary>Every feed kind, read by the npm package feedparser and compared with the store.</summary>
public class FeedConformanceTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("feeds");
        await File.WriteAllTextAsync(Path.Combine(folder, "one.md"),
            "---\ntitle: Harbour strike ends\ndate: 2024-02-01T08:30:00Z\nauthors: [Jane Roe, John Doe]\nregion: [Europe]\ntheme: [Labour, Trade]\n---\n\nThe *strike* ended, see [the report](/media/report.pdf).\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "two.md"),
            "---\ntitle: Rice prices & the monsoon\ndate: 2024-02-03T17:05:09Z\nauthors: [John Doe]\nregion: [Asia]\ntheme: [Trade]\n---\n\n> Prices rose.\n\nFarmers waited.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "three.md"),
            "---\ntitle: Draft about nothing\ndate: 2024-02-04T00:00:00Z\ndraft: true\nauthors: [Jane Roe]\nregion: [Europe]\n---\n\nNot yet.\n");
        await app.ImportMarkdownAsync(folder);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public static TheoryData<string, string, string> FeedKinds() => new()
    {
        { "/feed/", "rss", "site" },
        { "/feed/atom/", "atom", "site" },
        { "/author/john-doe/feed/", "rss", "author:john-doe" },
        { "/author/jane-roe/feed/atom/", "atom", "author:jane-roe" },
        { "/theme/trade/feed/", "rss", "term:trade" },
        { "/region/europe/feed/atom/", "atom", "term:europe" },
    };

    [Theory]
    [MemberData(nameof(FeedKinds))]
    public async Task Each_feed_parses_in_feedparser_and_matches_the_store(string path, string type, string scope)
    {
        var (contentType, parsed) = await ParseAsync(path);
        Assert.Equal(type == "rss" ? "application/rss+xml" : "application/atom+xml", contentType);
        Assert.Equal(type, parsed.GetProperty("meta").GetProperty("type").GetString());

        var expected = await PublishedAsync(scope);
        var items = parsed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Select(a => a.Headline), items.Select(i => i.GetProperty("title").GetString()));
        foreach (var (article, item) in expected.Zip(items))
        {
            Assert.Equal("http://localhost" + SiteRoutesArticle(article.Slug), item.GetProperty("link").GetString());
            Assert.Equal(article.PublishedAt!.Value, DateTime.Parse(item.GetProperty("pubdate").GetString()!).ToUniversalTime());
            Assert.Equal(type == "rss" ? article.Uuid.ToString() : "urn:uuid:" + article.Uuid, item.GetProperty("guid").GetString());
            var authors = article.Bylines.OrderBy(b => b.Position).Select(b => b.Person.Name).ToList();
            if (type == "rss") Assert.Equal(string.Join(", ", authors), item.GetProperty("author").GetString());
            else Assert.Equal(authors, item.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(article.Terms.Select(t => t.Term.Name).Order(),
                item.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).Order());
        }
    }

    [Fact]
    public async Task Full_text_or_excerpt_follows_the_site_setting()
    {
        var (_, full) = await ParseAsync("/feed/");
        var first = full.GetProperty("items")[1]; // "Harbour strike ends", the older one
        var body = Html.Parse(first.GetProperty("description").GetString()!);
        Assert.Equal("strike", body.QuerySelector("em")!.TextContent);
        Assert.Equal("http://localhost/media/report.pdf", body.QuerySelector("a")!.GetAttribute("href"));

        await app.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.SingleAsync();
            (settings.Name, settings.FeedFullContent) = ("Feeds", false);
            await db.SaveChangesAsync();
        });
        var (_, excerpts) = await ParseAsync("/feed/atom/");
        var excerpt = excerpts.GetProperty("items")[1];
        Assert.Equal("The strike ended, see the report.", excerpt.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_renamed_article_keeps_its_guid()
    {
        var (_, before) = await ParseAsync("/feed/");
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Headline == "Harbour strike ends");
            article.Slug = "harbour-strike-over";
            await db.SaveChangesAsync();
        });
        var (_, after) = await ParseAsync("/feed/");
        Assert.Equal(before.GetProperty("items")[1].GetProperty("guid").GetString(), after.GetProperty("items")[1].GetProperty("guid").GetString());
        Assert.Equal("http://localhost/harbour-strike-over/", after.GetProperty("items")[1].GetProperty("link").GetString());
    }

    [Theory]
    [InlineData("/", new[] { "/feed/", "/feed/atom/" })]
    [InlineData("/author/jane-roe/", new[] { "/author/jane-roe/feed/", "/author/jane-roe/feed/atom/", "/feed/", "/feed/atom/" })]
    [InlineData("/theme/trade/", new[] { "/theme/trade/feed/", "/theme/trade/feed/atom/", "/feed/", "/feed/atom/" })]
    public async Task Pages_announce_their_feeds(string page, string[] feeds)
    {
        var (status, document) = await Html.GetAsync(app.CreateClient(), page);
        Assert.Equal(200, status);
        var links = document.QuerySelectorAll("head link[rel=alternate]").ToList();
        Assert.Equal(feeds.Select(f => "http://localhost" + f), links.Select(l => l.GetAttribute("href")));
        Assert.All(links, l => Assert.Contains(l.GetAttribute("type"), new[] { "application/rss+xml", "application/atom+xml" }));
        Assert.All(links, l => Assert.False(string.IsNullOrWhiteSpace(l.GetAttribute("title"))));
    }

    [Theory]
    [InlineData("/author/nobody/feed/")]
    [InlineData("/theme/nothing/feed/atom/")]
    public async Task Feeds_of_unknown_authors_and_terms_are_not_found(string path)
    {
        using var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)response.StatusCode);
    }

    private async Task<(string? ContentType, JsonElement Parsed)> ParseAsync(string path)
    {
        using var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.Content.Headers.ContentType?.MediaType, await Conformance.RunAsync("parse-feed.mjs", xml));
    }

    private static string SiteRoutesArticle(string slug) => global::Masthead.Publishing.Addresses.SiteRoutes.Article(slug);

    /// <summary>Published articles in a feed's scope, newest first, with bylines and terms.</summary>
    private Task<List<Article>> PublishedAsync(string scope) => app.WithDbAsync(db =>
    {
        var query = db.Articles.AsNoTracking().Include(a => a.Bylines).ThenInclude(b => b.Person).Include(a => a.Terms).ThenInclude(t => t.Term)
            .Where(a => a.Status == ArticleStatus.Published);
        var parts = scope.Split(':');
        if (parts[0] == "author") query = query.Where(a => a.Bylines.Any(b => b.Person.Slug == parts[1]));
        if (parts[0] == "term") query = query.Where(a => a.Terms.Any(t => t.Term.Slug == parts[1]));
        return query.OrderByDescending(a => a.PublishedAt).ToListAsync();
    });
}
