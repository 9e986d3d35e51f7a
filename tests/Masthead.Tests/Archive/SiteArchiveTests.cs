using System.Net;
using Masthead.Comments;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Archive;

/// <summary>`export all` / `import all`: SQLite to PostgreSQL and back give the same archive, byte for byte.</summary>
public class SiteArchiveTests : IAsyncLifetime
{
    private readonly MastheadApp app = new(postgres: false);

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await app.ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage));
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Harbour strike ends", "Workers *walked out* at dawn.", "Publish");
        await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Harbour strike ends", ["Form.BodyMarkdown"] = "Workers walked out at dawn, then back in.", ["Form.Slug"] = "harbour-strike-over" });
        await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Note", new() { ["kind"] = "Correction", ["noteText"] = "An earlier version gave the wrong day." });
        using (var author = await StaffClient.AsAsync(app, StaffRole.Author))
        {
            var upload = new MultipartFormDataContent();
            upload.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "chart.png"))), "files", "chart.png");
            var page = await StaffClient.ParseAsync(await author.GetAsync("/admin/media"));
            upload.Add(new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
            Assert.Equal(HttpStatusCode.Redirect, (await author.Http.PostAsync("/admin/media", upload, TestContext.Current.CancellationToken)).StatusCode);
        }
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == "harbour-strike-over");
            var first = new Comment { ArticleId = article.Id, AuthorName = "Reader", AuthorEmail = "r@example.org", BodyHtml = "<p>Good.</p>", CreatedAt = DateTime.UtcNow, Status = CommentStatus.Approved };
            db.Comments.Add(first);
            await db.SaveChangesAsync();
            db.Comments.Add(new Comment { ArticleId = article.Id, ParentId = first.Id, AuthorName = "Writer", BodyHtml = "<p>Thanks.</p>", CreatedAt = DateTime.UtcNow.AddMinutes(1), Status = CommentStatus.Pending });
            var weekly = new Masthead.Newsletters.Newsletter { Name = "Weekly", Slug = "weekly", ReplyTo = "desk@example.org" };
            var patron = new Masthead.Members.Tier { Name = "Patron", Slug = "patron", MonthlyPrice = 700, YearlyPrice = 7000, Currency = "EUR", Position = 1 };
            var member = new Masthead.Members.Member { Email = "ola@example.org", Name = "Ola", Note = "met at the fair", CreatedAt = DateTime.UtcNow, Tier = patron, Complimentary = true };
            member.Newsletters.Add(weekly);
            member.Labels.Add(new Masthead.Members.Label { Name = "Founding reader", Slug = "founding-reader" });
            db.Members.Add(member);
            db.Members.Add(new Masthead.Members.Member { Email = "pia@example.org", CreatedAt = DateTime.UtcNow, BouncedAt = DateTime.UtcNow, BounceReason = "550 no such mailbox" });
            db.MemberLinks.Add(new Masthead.Members.MemberLink { TokenHash = "secret-hash", Email = "ola@example.org", CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(1) });
            await db.SaveChangesAsync();
            // A member's comment, written on the site and edited, held, flagged, asking for replies; the site's comment rules.
            db.Comments.Add(new Comment { ArticleId = article.Id, AuthorName = "Ola", AuthorEmail = "ola@example.org", MemberId = member.Id,
                BodyText = "See https://example.org", BodyHtml = "<p>See <a href=\"https://example.org\">https://example.org</a></p>",
                CreatedAt = DateTime.UtcNow.AddMinutes(2), EditedAt = DateTime.UtcNow.AddMinutes(3), Status = CommentStatus.Pending, HeldFor = "1 links (more than 0)",
                Flags = 2, NotifyReplies = true });
            article.CommentsMode = CommentsMode.Members;
            var settings = await db.SiteSettings.SingleAsync();
            (settings.CommentsMode, settings.CommentsCloseAfterDays, settings.CommentsHoldFirst, settings.CommentsMaxLinks, settings.CommentsBlockedWords) =
                (CommentsMode.Anyone, 30, false, 0, "casino");
            var theme = await db.Terms.SingleAsync(t => t.Slug == "law-and-justice");
            theme.ParentId = (await db.Terms.SingleAsync(t => t.Slug == "media-disinformation")).Id;
            await db.SaveChangesAsync();
        });
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static async Task<string> ExportAsync(MastheadApp from)
    {
        var folder = TestFolders.NewFolder("archive");
        var (exit, lines) = await from.RunCliAsync("export", "all", folder);
        Assert.True(exit == 0, string.Join('\n', lines));
        return folder;
    }

    internal static void AssertSameArchive(string expected, string actual)
    {
        static List<string> Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Files(expected), Files(actual));
        foreach (var file in Files(expected))
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
    }

    [Fact]
    public async Task SQLite_to_PostgreSQL_and_back_gives_the_same_archive()
    {
        var fromSqlite = await ExportAsync(app);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(fromSqlite, "articles"), "*.json").Length);
        Assert.Single(Directory.GetFiles(Path.Combine(fromSqlite, "media")));

        await using var postgres = new MastheadApp(postgres: true);
        await postgres.InitializeAsync();
        Assert.Equal(0, (await postgres.RunCliAsync("import", "all", fromSqlite)).Exit);
        var fromPostgres = await ExportAsync(postgres);
        AssertSameArchive(fromSqlite, fromPostgres);

        await using var sqlite = new MastheadApp(postgres: false);
        await sqlite.InitializeAsync();
        Assert.Equal(0, (await sqlite.RunCliAsync("import", "all", fromPostgres)).Exit);
        AssertSameArchive(fromSqlite, await ExportAsync(sqlite));

        // What was restored works: revisions, the correction, the comment thread, the media file, the old address.
        await sqlite.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Notes).SingleAsync(a => a.Slug == "harbour-strike-over");
            Assert.Equal(3, await db.Revisions.CountAsync(r => r.ArticleId == article.Id));
            Assert.Equal("An earlier version gave the wrong day.", Assert.Single(article.Notes).Text);
            Assert.Equal(1, await db.Comments.CountAsync(c => c.ParentId != null && c.ArticleId == article.Id));
            var members = await db.Comments.Where(c => c.MemberId != null).Select(c => new { c.BodyText, c.HeldFor, c.Flags, c.NotifyReplies, c.EditedAt, Email = db.Members.Single(m => m.Id == c.MemberId).Email }).SingleAsync();
            Assert.Equal(("See https://example.org", "1 links (more than 0)", 2, true, "ola@example.org"), (members.BodyText, members.HeldFor, members.Flags, members.NotifyReplies, members.Email));
            Assert.NotNull(members.EditedAt);
            Assert.Equal(CommentsMode.Members, article.CommentsMode);
            var rules = await db.SiteSettings.SingleAsync();
            Assert.Equal((CommentsMode.Anyone, 30, false, 0, "casino"), (rules.CommentsMode, rules.CommentsCloseAfterDays, rules.CommentsHoldFirst, rules.CommentsMaxLinks, rules.CommentsBlockedWords));
            return 0;
        });
        var ola = await sqlite.WithDbAsync(db => db.Members.Include(m => m.Tier).Include(m => m.Labels).Include(m => m.Newsletters).SingleAsync(m => m.Email == "ola@example.org"));
        Assert.Equal(("Patron", true, "Founding reader", "Weekly"), (ola.Tier!.Name, ola.Complimentary, Assert.Single(ola.Labels).Name, Assert.Single(ola.Newsletters).Name));
        Assert.Equal("550 no such mailbox", await sqlite.WithDbAsync(db => db.Members.Where(m => m.Email == "pia@example.org").Select(m => m.BounceReason).SingleAsync()));
        // Never sessions or sign-in links: credentials, not content.
        Assert.Equal(0, await sqlite.WithDbAsync(db => db.MemberLinks.CountAsync()));
        Assert.DoesNotContain("secret-hash", await File.ReadAllTextAsync(Path.Combine(fromSqlite, "members.json"), TestContext.Current.CancellationToken));
        var client = sqlite.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.MovedPermanently, (await client.GetAsync("/harbour-strike-ends/", TestContext.Current.CancellationToken)).StatusCode);
        var image = await sqlite.WithDbAsync(db => db.Media.Select(m => m.Hash + m.Extension).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/media/" + image, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Restoring_refuses_a_store_with_content_and_a_broken_archive_writes_nothing()
    {
        var archive = await ExportAsync(app);
        var (exit, lines) = await app.RunCliAsync("import", "all", archive);
        Assert.Equal(1, exit);
        Assert.EndsWith("the store already has content: `import all` restores into an empty site only", lines[^1]);

        var broken = Path.Combine(archive, "articles", Directory.GetFiles(Path.Combine(archive, "articles"), "*.json").Order().Last());
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(broken, TestContext.Current.CancellationToken))[..200], TestContext.Current.CancellationToken);
        await using var empty = new MastheadApp();
        await empty.InitializeAsync();
        (exit, lines) = await empty.RunCliAsync("import", "all", archive);
        Assert.Equal(1, exit);
        Assert.StartsWith(broken + ", line ", lines[^1]);
        Assert.Equal((0, 0, 0), await empty.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.People.CountAsync(), await db.Vocabularies.CountAsync())));
    }

    [Theory]
    [InlineData("\"bylines\": []", "\"bylines\": [\"nobody-at-all\"]", "the byline 'nobody-at-all' names nobody")]
    [InlineData("\"headline\": \"", "\"headline\": \" ", "an article needs a slug and a headline")]
    public async Task An_archive_whose_article_names_what_is_not_there_is_refused_whole(string find, string replace, string reason)
    {
        var archive = await ExportAsync(app);
        var article = Directory.GetFiles(Path.Combine(archive, "articles"), "*.json").Order().First();
        var json = await File.ReadAllTextAsync(article, TestContext.Current.CancellationToken);
        Assert.Contains(find, json);
        var edited = reason.StartsWith("an article", StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(json, "\"headline\": \"[^\"]*\"", "\"headline\": \" \"")
            : json[..json.IndexOf(find, StringComparison.Ordinal)] + replace + json[(json.IndexOf(find, StringComparison.Ordinal) + find.Length)..]; // the article's own, not a revision's
        await File.WriteAllTextAsync(article, edited, TestContext.Current.CancellationToken);
        await using var empty = new MastheadApp();
        await empty.InitializeAsync();
        var (exit, lines) = await empty.RunCliAsync("import", "all", archive);
        Assert.True(exit == 1 && lines[^1].StartsWith($"{article}, line 1: {reason}", StringComparison.Ordinal), string.Join("\n", lines));
        Assert.Equal((0, 0), await empty.WithDbAsync(async db => (await db.Articles.CountAsync(), await db.People.CountAsync())));
    }
}
