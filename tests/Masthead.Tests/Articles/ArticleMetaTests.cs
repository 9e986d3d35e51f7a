using System.Text.Json;
using AngleSharp.Dom;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Articles;

/// <summary>What an article page says about itself: canonical link, Open Graph, Twitter card, JSON-LD NewsArticle.</summary>
public class ArticleMetaTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("meta");
        await File.WriteAllTextAsync(Path.Combine(folder, "own.md"),
            "---\ntitle: Our own \"reporting\" </script>\ndescription: A dek with <b>no markup</b>\ndate: 2024-05-01T09:00:00Z\nlastmod: 2024-05-02T10:30:00Z\nauthors: [Jane Roe, John Doe]\nregion: [Europe]\ntheme: [Labour]\n---\n\nBody.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "syndicated.md"),
            "---\ntitle: Syndicated piece\ndate: 2024-05-03T09:00:00Z\nauthors: [John Doe]\norigin: { outlet: New Eastern Outlook, url: 'https://journal-neo.example/original', date: 2024-05-02, canonical: true }\n---\n\nBody.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "credited.md"),
            "---\ntitle: Credited piece\ndate: 2024-05-04T09:00:00Z\nauthors: [John Doe]\norigin: { outlet: Some Weekly, url: 'https://weekly.example/a' }\n---\n\nBody.\n");
        await app.ImportMarkdownAsync(folder);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<IDocument> PageAsync(string slug)
    {
        var (status, document) = await Html.GetAsync(app.CreateClient(), $"/{slug}/");
        Assert.Equal(200, status);
        return document;
    }

    private static string? Meta(IDocument page, string key) =>
        page.QuerySelector($"head meta[property='{key}'], head meta[name='{key}']")?.GetAttribute("content");

    private static JsonElement JsonLd(IDocument page)
    {
        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Json_ld_describes_the_news_article_as_stored()
    {
        var page = await PageAsync("our-own-reporting-script");
        var ld = JsonLd(page);
        var article = await app.WithDbAsync(db => db.Articles.Include(a => a.Bylines).ThenInclude(b => b.Person).SingleAsync(a => a.Slug == "our-own-reporting-script"));
        Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
        Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
        Assert.Equal(article.Headline, ld.GetProperty("headline").GetString());
        Assert.Equal(article.PublishedAt, ld.GetProperty("datePublished").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(article.UpdatedAt, ld.GetProperty("dateModified").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(article.Bylines.OrderBy(b => b.Position).Select(b => (b.Person.Name, $"http://localhost/author/{b.Person.Slug}/")),
            ld.GetProperty("author").EnumerateArray().Select(a => (a.GetProperty("name").GetString()!, a.GetProperty("url").GetString()!)));
        Assert.All(ld.GetProperty("author").EnumerateArray(), a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.Equal("Masthead", ld.GetProperty("publisher").GetProperty("name").GetString());
        Assert.Equal("NewsMediaOrganization", ld.GetProperty("publisher").GetProperty("@type").GetString());
        Assert.Equal(["Europe", "Labour"], ld.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.False(ld.TryGetProperty("isBasedOn", out _));
        Assert.False(ld.TryGetProperty("image", out _));
    }

    [Fact]
    public async Task The_headline_cannot_close_the_json_ld_script()
    {
        var page = await PageAsync("our-own-reporting-script");
        Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.Equal("Our own \"reporting\" </script>", JsonLd(page).GetProperty("headline").GetString());
        Assert.Equal("Our own \"reporting\" </script>", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Open_graph_and_twitter_tags_carry_title_description_dates_and_image()
    {
        var page = await PageAsync("our-own-reporting-script");
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("Our own \"reporting\" </script>", Meta(page, "og:title"));
        Assert.Equal("A dek with <b>no markup</b>", Meta(page, "og:description"));
        Assert.Equal("http://localhost/our-own-reporting-script/", Meta(page, "og:url"));
        Assert.Equal("Masthead", Meta(page, "og:site_name"));
        Assert.Equal("2024-05-01T09:00:00+00:00", Meta(page, "article:published_time"));
        Assert.Equal("summary", Meta(page, "twitter:card"));
        Assert.Null(Meta(page, "og:image"));

        await app.WithDbAsync(async db =>
        {
            (await db.Articles.SingleAsync(a => a.Slug == "our-own-reporting-script")).FeaturedImage = "/media/ab/chart.png";
            await db.SaveChangesAsync();
        });
        page = await PageAsync("our-own-reporting-script");
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal("http://localhost/media/ab/chart.png", Meta(page, "og:image"));
        Assert.Equal("http://localhost/media/ab/chart.png", Meta(page, "twitter:image"));
        Assert.Equal(["http://localhost/media/ab/chart.png"], JsonLd(page).GetProperty("image").EnumerateArray().Select(i => i.GetString()));
    }

    [Theory]
    [InlineData("our-own-reporting-script", "http://localhost/our-own-reporting-script/")]
    [InlineData("syndicated-piece", "https://journal-neo.example/original")]
    [InlineData("credited-piece", "http://localhost/credited-piece/")]
    public async Task The_canonical_link_points_at_the_original_only_when_the_editor_said_so(string slug, string canonical)
    {
        var page = await PageAsync(slug);
        Assert.Equal(canonical, Assert.Single(page.QuerySelectorAll("head link[rel=canonical]")).GetAttribute("href"));
        Assert.Equal(canonical, JsonLd(page).GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
    }

    [Fact]
    public async Task A_syndicated_piece_is_based_on_the_original()
    {
        var basedOn = JsonLd(await PageAsync("syndicated-piece")).GetProperty("isBasedOn");
        Assert.Equal("https://journal-neo.example/original", basedOn.GetProperty("url").GetString());
        Assert.Equal("2024-05-02", basedOn.GetProperty("datePublished").GetString());
        Assert.Equal("New Eastern Outlook", basedOn.GetProperty("publisher").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/", "/", "website")]
    [InlineData("/?page=1", "/", "website")]
    [InlineData("/author/john-doe/", "/author/john-doe/", "profile")]
    [InlineData("/region/europe/", "/region/europe/", "website")]
    public async Task Archives_are_their_own_canonical(string path, string canonical, string type)
    {
        var (status, page) = await Html.GetAsync(app.CreateClient(), path + (path.Contains('?') ? "&" : "?") + "utm_source=x");
        Assert.Equal(200, status);
        Assert.Equal("http://localhost" + canonical, page.QuerySelector("head link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(type, Meta(page, "og:type"));
    }
}
