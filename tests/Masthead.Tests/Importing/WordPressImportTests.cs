using System.Xml.Linq;
using Masthead.Articles;
using Masthead.Comments;
using Masthead.Importing;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Importing;

/// <summary>WordPress's own theme unit test export, imported through the command line; every count is read from the file.</summary>
public class WordPressImportTests : IAsyncLifetime
{
    private static readonly string Export = TestFolders.Shared("fixtures", "wordpress", "themeunittestdata.wordpress.xml");
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>What the file holds, read with LINQ to XML, independently of the importer.</summary>
    private sealed record Expected(int Posts, int Pages, int Published, int Drafts, int Scheduled, int Protected, int Authors, int Categories, int Tags,
        int Comments, int ApprovedComments, int Sticky, int ChildCategories);

    private static Expected ReadExport()
    {
        var root = XDocument.Load(Export).Root!;
        XNamespace wp = root.GetNamespaceOfPrefix("wp")!;
        var channel = root.Element("channel")!;
        var posts = channel.Elements("item").Where(i => (string?)i.Element(wp + "post_type") is "post" or "page")
            .Where(i => (string?)i.Element(wp + "status") is not ("trash" or "auto-draft")).ToList();
        string Status(XElement i) => (string)i.Element(wp + "status")!;
        bool IsProtected(XElement i) => !string.IsNullOrEmpty((string?)i.Element(wp + "post_password"));
        var declaredTags = channel.Elements(wp + "tag").Select(t => (string)t.Element(wp + "tag_slug")!);
        var usedTags = posts.SelectMany(p => p.Elements("category")).Where(c => (string?)c.Attribute("domain") == "post_tag").Select(c => (string)c.Attribute("nicename")!);
        var comments = posts.SelectMany(p => p.Elements(wp + "comment")).ToList();
        return new Expected(
            posts.Count,
            posts.Count(p => (string?)p.Element(wp + "post_type") == "page"),
            posts.Count(p => Status(p) == "publish" && !IsProtected(p)),
            posts.Count(p => Status(p) == "draft"),
            posts.Count(p => Status(p) == "future"),
            posts.Count(p => Status(p) == "publish" && IsProtected(p)),
            channel.Elements(wp + "author").Count(),
            channel.Elements(wp + "category").Count(),
            declaredTags.Concat(usedTags).Distinct().Count(),
            comments.Count,
            comments.Count(c => (string?)c.Element(wp + "comment_approved") == "1"),
            posts.Count(p => (string?)p.Element(wp + "is_sticky") == "1"),
            channel.Elements(wp + "category").Count(c => !string.IsNullOrEmpty((string?)c.Element(wp + "category_parent"))));
    }

    private Task<(int Exit, string[] Lines)> ImportAsync() =>
        app.RunCliAsync("import", "wordpress", Export, "--categories", "Region", "--tags", "Theme");

    [Fact]
    public async Task The_theme_unit_test_export_imports_completely()
    {
        var expected = ReadExport();
        var (exit, lines) = await ImportAsync();
        Assert.Equal(0, exit);
        Assert.Equal($"{expected.Posts} created, 0 updated, {lines.Count(l => l.StartsWith("skipped: "))} skipped, 0 refused", lines[^1]);

        var actual = await app.WithDbAsync(async db => new Expected(
            await db.Articles.CountAsync(),
            await db.Articles.CountAsync(a => a.IsPage),
            await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published),
            await db.Articles.CountAsync(a => a.Status == ArticleStatus.Draft),
            await db.Articles.CountAsync(a => a.Status == ArticleStatus.Scheduled),
            await db.Articles.CountAsync(a => a.Status == ArticleStatus.Unpublished),
            await db.People.CountAsync(),
            await db.Terms.CountAsync(t => t.Vocabulary.Name == "Region"),
            await db.Terms.CountAsync(t => t.Vocabulary.Name == "Theme"),
            await db.Comments.CountAsync(),
            await db.Comments.CountAsync(c => c.Status == CommentStatus.Approved),
            await db.Articles.CountAsync(a => a.Featured),
            await db.Terms.CountAsync(t => t.ParentId != null)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Tricky_posts_keep_what_makes_them_tricky()
    {
        await ImportAsync();
        await app.WithDbAsync(async db =>
        {
            var special = await db.Articles.SingleAsync(a => a.Slug == "title-with-special-characters");
            Assert.Equal("Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>", special.Headline);
            var longTitle = await db.Articles.SingleAsync(a => a.Slug == "title-should-not-overflow-the-content-area");
            Assert.True(longTitle.Headline.Length > 80, longTitle.Headline);
            var file = XDocument.Load(Export).Root!;
            XNamespace wp = file.GetNamespaceOfPrefix("wp")!;
            var titles = file.Descendants("item").Where(i => (string?)i.Element(wp + "post_type") is "post" or "page")
                .ToDictionary(i => "wp:" + (string)i.Element(wp + "post_id")!, i => System.Net.WebUtility.HtmlDecode((string)i.Element("title")!).Trim());
            foreach (var article in await db.Articles.ToListAsync())
                Assert.Equal(titles[article.SourceId!] is { Length: > 0 } title ? title : "(no title)", article.Headline);
            var lists = Html.Parse((await db.Articles.SingleAsync(a => a.Slug == "edge-case-nested-and-mixed-lists")).BodyHtml);
            Assert.NotEmpty(lists.QuerySelectorAll("ul ul, ol ol, ul ol, ol ul"));
            Assert.Equal(ArticleStatus.Unpublished, (await db.Articles.SingleAsync(a => a.Slug == "template-password-protected")).Status);
            Assert.True((await db.Articles.SingleAsync(a => a.Slug == "template-sticky")).Featured);
            var scheduled = await db.Articles.SingleAsync(a => a.Slug == "scheduled");
            Assert.Equal(ArticleStatus.Scheduled, scheduled.Status);
            Assert.NotNull(scheduled.PublishedAt);
            var greek = await db.Articles.SingleAsync(a => a.Headline == "Ελληνικά-Greek");
            Assert.True(greek.IsPage);
            Assert.Equal("Επίπεδο 3", (await db.Articles.SingleAsync(a => a.Headline.StartsWith("Επίπεδο 3"))).Headline);
            var child = await db.Terms.SingleAsync(t => t.Name == "Child Category 01");
            Assert.Equal("Parent Category", (await db.Terms.SingleAsync(t => t.Id == child.ParentId)).Name);
            // Featured images keep their attachment's alt text and caption; [caption] shortcodes become figures.
            var windFarm = await db.Articles.SingleAsync(a => a.Slug == "theme-block-category");
            Assert.Equal(("Wind Farm", "Albany wind-farm against the sunset, Western Australia"), (windFarm.FeaturedImageAlt, windFarm.FeaturedImageCaption));
            var horizontal = await db.Articles.SingleAsync(a => a.Slug == "template-featured-image-horizontal");
            Assert.Equal(("Horizontal Featured Image", null), (horizontal.FeaturedImageAlt, horizontal.FeaturedImageCaption));
            var aligned = Html.Parse((await db.Articles.SingleAsync(a => a.Slug == "markup-image-alignment")).BodyHtml);
            var figure = aligned.QuerySelectorAll("figure").Single(f => f.QuerySelector("img")?.GetAttribute("alt") == "Image Alignment 580x300");
            Assert.Equal("Look at 580x300 getting some caption love.", figure.QuerySelector("figcaption")!.TextContent);
            var replies = await db.Comments.Where(c => c.ParentId != null).CountAsync();
            Assert.Equal(file.Descendants("item").Where(i => (string?)i.Element(wp + "post_type") is "post" or "page").SelectMany(i => i.Elements(wp + "comment"))
                .Count(c => (string?)c.Element(wp + "comment_parent") is { } p && p != "0"), replies);
            return 0;
        });
        // Pages are at their address, not on the home page or in the feed.
        var client = app.CreateClient();
        var home = (await Html.GetAsync(client, "/")).Document;
        Assert.DoesNotContain("Page Markup And Formatting", home.QuerySelectorAll("article h2, article h3, h2 a, h3 a").Select(e => e.TextContent.Trim()));
        Assert.Equal(200, (await Html.GetAsync(client, "/page-markup-and-formatting/")).Status);
    }

    [Fact]
    public async Task A_second_run_updates_and_duplicates_nothing()
    {
        await ImportAsync();
        var before = await app.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.Comments.CountAsync(), await db.Terms.CountAsync(), await db.People.CountAsync()));
        var (exit, lines) = await ImportAsync();
        Assert.Equal(0, exit);
        Assert.StartsWith($"0 created, {before.Item1} updated,", lines[^1]);
        Assert.Equal(before, await app.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.Comments.CountAsync(), await db.Terms.CountAsync(), await db.People.CountAsync())));
    }

    [Theory]
    [InlineData("truncated", "malformed XML at position")]
    [InlineData("<html><body>not an export</body></html>", "not a WordPress export: the root element is <html>")]
    [InlineData("<rss version=\"2.0\"></rss>", "not a WordPress export: <rss> has no <channel>")]
    [InlineData("", "the file is empty")]
    public async Task A_malformed_file_stops_with_its_name_line_and_reason(string content, string reason)
    {
        var file = Path.Combine(TestFolders.NewFolder("wxr"), "export.xml");
        var text = content == "truncated" ? File.ReadAllText(Export)[..200_000] : content;
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        var (exit, lines) = await app.RunCliAsync("import", "wordpress", file);
        Assert.Equal(1, exit);
        var message = lines[^1];
        Assert.StartsWith($"{file}, line ", message);
        Assert.Contains(reason, message);
        if (content == "truncated")
            Assert.Equal(text.Split('\n').Length, int.Parse(message[$"{file}, line ".Length..].Split(':')[0]));
    }
}
