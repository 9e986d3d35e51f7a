using System.Net;
using System.Xml.Linq;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Security;

/// <summary>The audit's feeds taken down by one article: characters XML cannot carry, and a relative featured image.</summary>
public sealed class XmlUnsafeTextTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Control_characters_stored_before_and_a_relative_image_leave_every_feed_and_sitemap_valid()
    {
        await app.ImportPageAsync(Pages.Reference);
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Bylines).ThenInclude(b => b.Person).Include(a => a.Terms).ThenInclude(t => t.Term).SingleAsync(Cancel);
            article.Headline = "Bell\u0007 rings\uFFFE";
            article.Dek = "A dek\u0001";
            article.BodyHtml = "<p>Body\u0001 text</p>";
            article.FeaturedImage = "photo.jpg";
            article.PublishedAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-1); // recent enough for the news sitemap
            article.Bylines[0].Person.Name = "Tony\u0007 Cartalucci";
            article.Terms[0].Term.Name = "Asia\u0001";
            await db.SaveChangesAsync(Cancel);
        });
        using var reader = app.CreateClient();
        foreach (var address in new[] { "/feed/", "/feed/atom/", "/sitemap-news.xml", "/sitemap.xml" })
        {
            using var response = await reader.GetAsync(address, Cancel);
            Assert.Equal((address, HttpStatusCode.OK), (address, response.StatusCode));
            var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            if (address != "/sitemap.xml")
                Assert.Contains("Bell rings", xml.Descendants().Where(e => e.Name.LocalName == "title").Select(e => e.Value));
        }
        var rss = XDocument.Parse(await reader.GetStringAsync("/feed/", Cancel));
        Assert.Empty(rss.Descendants("enclosure"));
    }

    [Fact]
    public async Task The_editor_saves_a_headline_with_a_noncharacter_without_it()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Harbour\uFFFE strike\u0001", "Body\u0007.", "Publish");
        var article = await BackOffice.ArticleAsync(app, id);
        Assert.Equal(("Harbour strike", "Body."), (article.Headline, article.BodyMarkdown));
        var refused = await BackOffice.PostArticleAsync(editor, null, "Save", new() { ["Form.Headline"] = "\u0001\u0002", ["Form.BodyMarkdown"] = "x" });
        Assert.Equal("A headline is required.", (await StaffClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Form.Headline']")!.TextContent);
    }
}
