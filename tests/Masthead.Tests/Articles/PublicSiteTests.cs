using AngleSharp.Dom;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Articles;

/// <summary>The public pages over HTTP, parsed, on the store the run was given (SQLite or PostgreSQL).</summary>
public class PublicSiteTests(PublicSiteTests.Site site) : IClassFixture<PublicSiteTests.Site>
{
    public sealed class Site : MastheadApp
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await ImportPageAsync(Pages.Reference);
            await ImportPageAsync(Pages.TwoBylines, "two.txt");
        }
    }

    private const string ArticleUrl = "/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/";
    private readonly HttpClient client = site.CreateClient();

    private async Task<IDocument> PageAsync(string url, int status = 200)
    {
        var (actual, document) = await Html.GetAsync(client, url);
        Assert.Equal(status, actual);
        return document;
    }

    [Fact]
    public async Task Article_page_shows_headline_byline_and_dateline()
    {
        var page = await PageAsync(ArticleUrl);
        var header = page.QuerySelector("article header")!;
        Assert.Equal("US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General", header.QuerySelector("h1")!.Text());
        var byline = header.QuerySelector("address.byline a[rel=author]")!;
        Assert.Equal(("Tony Cartalucci", "/author/tony-cartalucci/"), (byline.Text(), byline.GetAttribute("href")));
        Assert.Equal("Global Research, January 16, 2020", header.QuerySelector(".dateline")!.Text());
        Assert.StartsWith("2020-01-16", header.QuerySelector(".dateline time")!.GetAttribute("datetime"));
        Assert.Equal("US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General – Global Research", page.Title);
    }

    [Fact]
    public async Task Article_page_groups_terms_by_vocabulary_with_links_to_their_archives()
    {
        var page = await PageAsync(ArticleUrl);
        var groups = page.QuerySelectorAll("article header .terms")
            .Select(p => (p.QuerySelector(".vocabulary")!.Text(), string.Join(" | ", p.QuerySelectorAll("a[rel=tag]").Select(a => $"{a.Text()} {a.GetAttribute("href")}"))))
            .ToList();
        Assert.Equal(
        [
            ("Region:", "Middle East & North Africa /region/middle-east-north-africa/"),
            ("Theme:", "Law and Justice /theme/law-and-justice/ | Media Disinformation /theme/media-disinformation/ | US NATO War Agenda /theme/us-nato-war-agenda/"),
            ("In-depth Report:", "IRAN: THE NEXT WAR? /in-depth-report/iran-the-next-war/"),
        ], groups);
    }

    [Fact]
    public async Task Article_body_keeps_its_text_and_shows_broken_citations_as_plain_text()
    {
        var page = await PageAsync(ArticleUrl);
        var body = page.QuerySelector(".article-body")!;
        Assert.Equal(30, body.QuerySelectorAll("p").Length);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Contains(body.QuerySelectorAll("p"), p => p.Text() == "The leaked 2012 report (.pdf) states (emphasis added):");
        Assert.Equal("of establishing a declared or", body.QuerySelector("strong")!.Text());
        Assert.Empty(page.QuerySelectorAll("a[href='#'], a[href='']"));
    }

    [Fact]
    public async Task Article_footer_shows_origin_reader_note_bio_and_calls()
    {
        var page = await PageAsync(ArticleUrl);
        var footer = page.QuerySelector("article footer")!;
        Assert.Equal("Originally published in New Eastern Outlook.", footer.QuerySelector(".origin")!.Text());
        Assert.Null(footer.QuerySelector(".origin a"));
        Assert.StartsWith("Note to readers: please click the share buttons", footer.QuerySelector(".reader-note")!.Text());
        Assert.StartsWith("Tony Cartalucci is a Bangkok-based", footer.QuerySelector(".author-bio .bio")!.Text());
        var archive = footer.QuerySelector(".author-archive a[rel=author]")!;
        Assert.Equal(("Articles by: Tony Cartalucci", "/author/tony-cartalucci/"), (archive.ParentElement!.Text(), archive.GetAttribute("href")));
        Assert.Equal("#comments", footer.QuerySelector("a.comment-call")!.GetAttribute("href"));
        Assert.NotNull(page.GetElementById("comments"));
        Assert.Equal(("Become a Member of Global Research", "/membership/"),
            (footer.QuerySelector("a.membership-call")!.Text(), footer.QuerySelector("a.membership-call")!.GetAttribute("href")));
    }

    [Fact]
    public async Task Origin_is_linked_when_its_url_is_known()
    {
        var page = await PageAsync("/europes-quiet-rearmament/");
        var origin = page.QuerySelector(".origin a")!;
        Assert.Equal(("Berlin Review", "https://berlin-review.example/rearmament"), (origin.Text(), origin.GetAttribute("href")));
        Assert.Equal(["Ana Müller", "Søren Ødegård"], page.QuerySelectorAll("address.byline a[rel=author]").Select(a => a.Text()));
        Assert.Equal("By Ana Müller and Søren Ødegård", page.QuerySelector("address.byline")!.Text());
        Assert.Equal("https://www.sipri.org/yearbook", page.QuerySelector(".article-body a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".article-body blockquote"));
    }

    [Fact]
    public async Task Footer_carries_the_site_notices_and_media_contact()
    {
        var footer = (await PageAsync("/")).QuerySelector("body > footer")!;
        Assert.StartsWith("Disclaimer: The contents of this article are of sole responsibility", footer.QuerySelector(".disclaimer")!.Text());
        Assert.StartsWith("The Centre of Research on Globalization grants permission to cross-post", footer.QuerySelector(".republication-policy")!.Text());
        Assert.StartsWith("www.globalresearch.ca contains copyrighted material", footer.QuerySelector(".copyright-notice")!.Text());
        var media = footer.QuerySelector("address.media-contact")!;
        Assert.Equal("For media inquiries: publications@globalresearch.ca", media.Text());
        Assert.Equal("mailto:publications@globalresearch.ca", media.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Every_site_link_on_the_article_page_leads_to_a_page()
    {
        var page = await PageAsync(ArticleUrl);
        var internalLinks = page.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.True(internalLinks.Count >= 8, string.Join(", ", internalLinks));
        foreach (var href in internalLinks)
        {
            using var response = await client.GetAsync(href, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{href} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Home_lists_latest_articles_first()
    {
        var page = await PageAsync("/");
        Assert.Equal(["Europe's Quiet Rearmament", "US War of Terror Continues: Assassinating Iran's Top Anti-ISIS General"],
            page.QuerySelectorAll("main article.card h2 a").Select(a => a.Text()));
        Assert.Equal("Global Research", page.QuerySelector(".site-name")!.Text());
    }

    [Fact]
    public async Task Author_archive_shows_bio_and_their_articles()
    {
        var page = await PageAsync("/author/tony-cartalucci/");
        Assert.Equal("Articles by: Tony Cartalucci", page.QuerySelector("main h1")!.Text());
        Assert.StartsWith("Tony Cartalucci is a Bangkok-based", page.QuerySelector("main .bio")!.Text());
        Assert.Equal([ArticleUrl], page.QuerySelectorAll("main article.card h2 a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Term_archive_lists_the_articles_filed_under_it()
    {
        var page = await PageAsync("/theme/law-and-justice/");
        Assert.Equal("Law and Justice", page.QuerySelector("main h1")!.Text());
        Assert.Equal("Theme", page.QuerySelector("main .vocabulary")!.Text());
        Assert.Equal(["/europes-quiet-rearmament/", ArticleUrl], page.QuerySelectorAll("main article.card h2 a").Select(a => a.GetAttribute("href")));

        var dossier = await PageAsync("/in-depth-report/iran-the-next-war/");
        Assert.Equal([ArticleUrl], dossier.QuerySelectorAll("main article.card h2 a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("/no-such-article/")]
    [InlineData("/author/nobody/")]
    [InlineData("/region/atlantis/")]
    [InlineData("/?page=9")]
    [InlineData("/a/b/c/d")]
    public async Task Unknown_addresses_get_the_themed_404(string url)
    {
        var page = await PageAsync(url, 404);
        Assert.Equal("Page not found", page.QuerySelector("main h1")!.Text());
        Assert.Equal("Global Research", page.QuerySelector(".site-name")!.Text());
    }

    [Fact]
    public async Task Drafts_are_not_public()
    {
        await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "europes-quiet-rearmament")
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Masthead.Articles.ArticleStatus.Draft)));
        try
        {
            await PageAsync("/europes-quiet-rearmament/", 404);
            var home = await PageAsync("/");
            Assert.DoesNotContain(home.QuerySelectorAll("main article.card h2 a"), a => a.Text() == "Europe's Quiet Rearmament");
        }
        finally
        {
            await site.WithDbAsync(db => db.Articles.Where(a => a.Slug == "europes-quiet-rearmament")
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Masthead.Articles.ArticleStatus.Published)));
        }
    }

    [Fact]
    public async Task Pages_are_readable_on_a_phone_and_styled()
    {
        var page = await PageAsync(ArticleUrl);
        Assert.Equal("width=device-width, initial-scale=1", page.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
        using var css = await client.GetAsync(page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"), TestContext.Current.CancellationToken);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        using var template = await client.GetAsync("/assets/article.liquid", TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)template.StatusCode);
    }
}
