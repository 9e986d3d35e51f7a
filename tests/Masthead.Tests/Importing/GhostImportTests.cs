using System.Text.Json;
using Masthead.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Importing;

/// <summary>Ghost's JSON export in (the fixture from TryGhost/migrate), Masthead's out, and a round trip through both.</summary>
public class GhostImportTests : IAsyncLifetime
{
    private static readonly string Fixture = TestFolders.Shared("fixtures", "ghost", "ghost-import.json");
    private readonly MastheadApp app = new();

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_fixture_export_imports_posts_people_tags_and_settings()
    {
        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(Fixture, TestContext.Current.CancellationToken));
        var data = file.RootElement.GetProperty("db")[0].GetProperty("data");
        var (exit, lines) = await app.RunCliAsync("import", "ghost", Fixture);
        Assert.True(exit == 0, string.Join('\n', lines));
        var posts = data.GetProperty("posts").EnumerateArray().ToList();
        Assert.Equal($"{posts.Count} created, 0 updated, 0 skipped, 0 refused", lines[^1]);

        await app.WithDbAsync(async db =>
        {
            foreach (var post in posts)
            {
                var id = post.GetProperty("id").GetString()!;
                var article = await db.Articles.Include(a => a.Bylines).ThenInclude(b => b.Person).Include(a => a.Terms).ThenInclude(t => t.Term)
                    .SingleAsync(a => a.SourceId == "ghost:" + id);
                Assert.Equal((post.GetProperty("title").GetString(), post.GetProperty("slug").GetString()), (article.Headline, article.Slug));
                Assert.Equal(DateTime.Parse(post.GetProperty("published_at").GetString()!).ToUniversalTime(), article.PublishedAt);
                Assert.Equal(post.GetProperty("feature_image").GetString(), article.FeaturedImage);
                var authorIds = data.GetProperty("posts_authors").EnumerateArray().Where(r => r.GetProperty("post_id").GetString() == id)
                    .Select(r => r.GetProperty("author_id").GetString()).ToList();
                Assert.Equal(data.GetProperty("users").EnumerateArray().Where(u => authorIds.Contains(u.GetProperty("id").GetString())).Select(u => u.GetProperty("name").GetString()),
                    article.Bylines.Select(b => b.Person.Name));
                var tagIds = data.GetProperty("posts_tags").EnumerateArray().Where(r => r.GetProperty("post_id").GetString() == id)
                    .Select(r => r.GetProperty("tag_id").GetString()).ToList();
                Assert.Equal(data.GetProperty("tags").EnumerateArray().Where(t => tagIds.Contains(t.GetProperty("id").GetString())).Select(t => t.GetProperty("name").GetString()),
                    article.Terms.Select(t => t.Term.Name));
                // Every image of the source is in the body, whether it came as html or as a Lexical document.
                var source = post.GetProperty("html").ValueKind == JsonValueKind.String ? post.GetProperty("html").GetString()! : post.GetProperty("lexical").GetString()!;
                foreach (var image in System.Text.RegularExpressions.Regex.Matches(source, "https://example.com/images/[\\w.-]+").Select(m => m.Value))
                    Assert.Contains(image, Html.Parse(article.BodyHtml).QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
            }
            var settings = await db.SiteSettings.SingleAsync();
            Assert.Equal(("My Ghost Site", "A test site"), (settings.Name, settings.Tagline));
            Assert.Equal("https://example.com/images/alice-profile.jpg", (await db.People.SingleAsync(p => p.Name == "Alice Johnson")).Photo);
            return 0;
        });
        Assert.StartsWith("0 created, 3 updated", (await app.RunCliAsync("import", "ghost", Fixture)).Lines[^1]);
    }

    [Fact]
    public async Task Masthead_to_Ghost_to_Masthead_keeps_what_both_models_hold()
    {
        await app.ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage, TestContext.Current.CancellationToken));
        var folder = TestFolders.NewFolder("ghost-round");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "---\ntitle: Harbour strike ends\ndate: 2021-03-04T10:00:00Z\nlastmod: 2021-03-05T09:00:00Z\n" +
            "description: The dek of it\nauthors: [Jane Roe, John Doe]\nregion: [Europe]\ntheme: [Economy, Labour]\nfeatured: true\n" +
            "origin: { outlet: Port Gazette, url: 'https://gazette.example/original', canonical: true }\n---\n\n" +
            "Workers *walked out* at dawn.\n\n> A quote.\n\n- one\n- two\n\n![crane](https://example.org/crane.png)\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "b.md"), "---\ntitle: Draft in progress\ndraft: true\nauthors: [Jane Roe]\n---\n\nNot yet.\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "c.md"), "---\ntitle: About us\ndate: 2019-01-01T00:00:00Z\npage: true\n---\n\nWho we are.\n", TestContext.Current.CancellationToken);
        await app.ImportMarkdownAsync(folder);
        await app.WithDbAsync(async db =>
        {
            var strike = await db.Articles.SingleAsync(a => a.Slug == "harbour-strike-ends", TestContext.Current.CancellationToken);
            (strike.FeaturedImage, strike.FeaturedImageAlt, strike.FeaturedImageCaption) = ("https://example.org/crane.png", "A crane <over> the dock", "Photo: Roe & Doe");
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        var export = Path.Combine(folder, "ghost.json");
        Assert.Equal(0, (await app.RunCliAsync("export", "ghost", export)).Exit);

        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(export, TestContext.Current.CancellationToken)))
            Assert.Equal(["posts", "posts_meta", "users", "tags", "posts_tags", "posts_authors", "settings"],
                json.RootElement.GetProperty("db")[0].GetProperty("data").EnumerateObject().Select(p => p.Name));

        await using var copy = new MastheadApp();
        await copy.InitializeAsync();
        var (exit, lines) = await copy.RunCliAsync("import", "ghost", export);
        Assert.True(exit == 0, string.Join('\n', lines));

        var before = await Snapshot(app);
        var after = await Snapshot(copy);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var slug in before.Keys) Assert.Equal(before[slug], after[slug]);
    }

    private const string Millis = "yyyy-MM-dd'T'HH:mm:ss.fff"; // Ghost keeps times to the millisecond

    /// <summary>Per slug, what both Masthead and Ghost hold of an article (Ghost has no vocabularies: terms compare by name, in order).</summary>
    private static Task<Dictionary<string, string>> Snapshot(MastheadApp app) => app.WithDbAsync(async db =>
        (await db.Articles.AsNoTracking().AsSplitQuery().Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary).ToListAsync())
        .ToDictionary(a => a.Slug, a => string.Join(" | ",
            a.Headline, a.Dek, a.Status == ArticleStatus.Published ? "published" : "draft", a.PublishedAt?.ToString(Millis), a.UpdatedAt.ToString(Millis),
            a.Featured, a.IsPage, a.FeaturedImage, a.FeaturedImageAlt, a.FeaturedImageCaption, a.Origin is { IsCanonical: true } o ? o.Url : null,
            string.Join(",", a.Bylines.OrderBy(b => b.Position).Select(b => b.Person.Name)),
            string.Join(",", a.Terms.OrderBy(t => t.Term.Vocabulary.Position).ThenBy(t => t.Position).Select(t => t.Term.Name)),
            Html.Parse(a.BodyHtml).Body!.Text(), string.Join(",", Html.Parse(a.BodyHtml).Body!.QuerySelectorAll("*").Select(e => e.LocalName)))));

    [Theory]
    [InlineData("{\"db\": [{\"data\": {\"posts\": [}]}", 1, "invalid JSON at position")]
    [InlineData("{\n  \"db\": [\n    {\"meta\": {}, \"data\": {\"posts\": [\n      {\"id\": \"1\",, \"title\": \"x\"}\n]}}]}", 4, "invalid JSON at position")]
    [InlineData("[1, 2, 3]", 1, "not a Ghost export: there is no db[0].data")]
    [InlineData("{\"posts\": []}", 1, "not a Ghost export: there is no db[0].data")]
    public async Task A_malformed_file_stops_with_its_name_line_and_reason(string content, int line, string reason)
    {
        var file = Path.Combine(TestFolders.NewFolder("ghost-bad"), "export.json");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        var (exit, lines) = await app.RunCliAsync("import", "ghost", file);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{file}, line {line}: {reason}", lines[^1]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync()));
    }
}
