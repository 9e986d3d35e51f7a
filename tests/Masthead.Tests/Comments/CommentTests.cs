using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Masthead.Comments;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Comments;

/// <summary>Readers' comments: who may post, what a post becomes, the hold rules, the refusals that keep the text, threads, moderation.</summary>
public sealed class CommentTests : IAsyncLifetime
{
    private readonly MastheadApp app = new() { Settings = { ["Masthead:Comments:MinSecondsToWrite"] = "0" } };

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<(int Id, string Slug)> PublishAsync(string headline, StaffClient? by = null) => CommentSteps.PublishAsync(app, headline, by);

    private Task SettingsAsync(CommentsMode mode, bool holdFirst = false, int maxLinks = 2, string? blocked = null, int closeAfterDays = 0) =>
        CommentSteps.SettingsAsync(app, mode, holdFirst, maxLinks, blocked, closeAfterDays);

    private Task<int> PersonAsync(string name) => app.WithDbAsync(async db =>
    {
        var person = new Masthead.Authors.Person { Name = name, Slug = Masthead.Publishing.Addresses.Slugs.From(name) };
        db.People.Add(person);
        await db.SaveChangesAsync(Cancel);
        return person.Id;
    });

    private static IReadOnlyList<IElement> Comments(IHtmlDocument page) => page.QuerySelectorAll("#comments li.comment").ToList();

    [Fact]
    public async Task A_comment_posted_without_script_comes_back_to_the_article_and_nothing_typed_becomes_markup()
    {
        await SettingsAsync(CommentsMode.Anyone);
        var (_, slug) = await PublishAsync("Harbour board meets");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        Assert.Null((await reader.GetPageAsync($"/{slug}/")).QuerySelector("#comments form"));

        var posted = await CommentSteps.PostAsync(reader, slug, new()
        {
            ["body"] = "<script>alert(1)</script> Read https://example.org/report.pdf.\n\nSecond <b>paragraph</b>\nwith a break.",
            ["name"] = "<img src=x onerror=alert(2)>", ["email"] = "rosa@example.org", ["url"] = "javascript:alert(3)",
        });
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var refused = await StaffClient.ParseAsync(posted);
        Assert.Contains("<script>alert(1)</script>", refused.QuerySelector("textarea[name=body]")!.TextContent);
        Assert.Equal("javascript:alert(3)", refused.QuerySelector("input[name=url]")!.GetAttribute("value"));

        posted = await CommentSteps.PostAsync(reader, slug, new()
        {
            ["body"] = "<script>alert(1)</script> Read https://example.org/report.pdf.\n\nSecond <b>paragraph</b>\nwith a break.",
            ["name"] = "<img src=x onerror=alert(2)>", ["email"] = "rosa@example.org", ["url"] = "https://rosa.example.org/",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = await app.WithDbAsync(db => db.Comments.Select(c => c.Id).SingleAsync(Cancel));
        Assert.Equal($"/{slug}/?comment={id}#comment-{id}", posted.Headers.Location!.OriginalString);

        var page = await reader.GetPageAsync($"/{slug}/");
        var comment = Assert.Single(Comments(page));
        Assert.Equal($"comment-{id}", comment.Id);
        Assert.Equal("1 comment", page.QuerySelector("#comments-heading")!.TextContent);
        Assert.Empty(comment.QuerySelectorAll("script, img, b"));
        Assert.Equal("<img src=x onerror=alert(2)>", comment.QuerySelector(".comment-author a")!.TextContent);
        Assert.Equal(["nofollow", "ugc", "noopener"], comment.QuerySelector(".comment-author a")!.GetAttribute("rel")!.Split(' '));
        var paragraphs = comment.QuerySelectorAll(".comment-body p").ToList();
        Assert.Equal(2, paragraphs.Count);
        Assert.Equal("<script>alert(1)</script> Read https://example.org/report.pdf.", paragraphs[0].TextContent);
        var link = paragraphs[0].QuerySelector("a")!;
        Assert.Equal(("https://example.org/report.pdf", "nofollow ugc noopener"), (link.GetAttribute("href"), link.GetAttribute("rel")));
        Assert.Single(paragraphs[1].QuerySelectorAll("br"));

        var home = await reader.GetPageAsync("/");
        Assert.Equal("1 comment", home.QuerySelector($".card a.card-comments[href='/{slug}/#comments']")!.TextContent);
    }

    [Fact]
    public async Task Hold_rules_send_first_comments_many_links_and_blocked_words_to_the_queue_and_the_commenter_is_told()
    {
        await SettingsAsync(CommentsMode.Anyone, holdFirst: true, maxLinks: 1, blocked: "casino\nmiracle cure");
        var (_, slug) = await PublishAsync("Ferry timetable changes");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var email = Mailbox.NewAddress();

        var first = await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("My first word here.", email: email));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("awaits moderation", (await StaffClient.ParseAsync(first)).QuerySelector(".comment-held")!.TextContent);
        Assert.Empty(Comments(await reader.GetPageAsync($"/{slug}/")));

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var queue = await editor.GetPageAsync("/admin/comments");
        var row = Assert.Single(queue.QuerySelectorAll("table.comments tbody tr"));
        Assert.Contains("first comment from this address", row.QuerySelector(".held-for")!.TextContent);
        var approved = await editor.PostFormAsync("/admin/comments?handler=Moderate&status=Pending", new() { ["one"] = $"Approve:{row.GetAttribute("data-comment")}" }, "/admin/comments");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Single(Comments(await reader.GetPageAsync($"/{slug}/")));

        Assert.Equal(HttpStatusCode.Redirect, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("Known now, so straight in.", email: email))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("See https://a.example and https://b.example", email: email))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("A MIRACLE CURE for rust!", email: email))).StatusCode);
        var held = await app.WithDbAsync(db => db.Comments.Where(c => c.Status == CommentStatus.Pending).OrderBy(c => c.Id).Select(c => c.HeldFor).ToListAsync(Cancel));
        Assert.Equal(["2 links (more than 1)", "contains a blocked word (“miracle cure”)"], held);
        Assert.Equal(2, Comments(await reader.GetPageAsync($"/{slug}/")).Count);
    }

    [Fact]
    public async Task Commenters_change_or_delete_their_own_comment_for_a_while_nobody_else_can_and_anyone_may_flag_one()
    {
        await SettingsAsync(CommentsMode.Anyone);
        var (_, slug) = await PublishAsync("Tugboat strike");
        using var writer = new StaffClient(StaffClient.Anonymous(app));
        var email = Mailbox.NewAddress();
        Assert.Equal(HttpStatusCode.Redirect, (await CommentSteps.PostAsync(writer, slug, CommentSteps.Stranger("Tugs idle at the quay.", email: email))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CommentSteps.PostAsync(writer, slug, CommentSteps.Stranger("Posted by mistake.", email: email))).StatusCode);
        var ids = await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Cancel));
        var edit = $"/{slug}/comments/{ids[0]}/edit";

        Assert.Equal("Tugs idle at the quay.", (await writer.GetPageAsync(edit)).QuerySelector("textarea[name=body]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(edit, new() { ["body"] = "Tugs idle at the north quay.", ["change"] = "save" }, edit)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostFormAsync($"/{slug}/comments/{ids[1]}/edit", new() { ["change"] = "delete" }, $"/{slug}/comments/{ids[1]}/edit")).StatusCode);
        var page = await writer.GetPageAsync($"/{slug}/");
        var left = Assert.Single(Comments(page));
        Assert.Equal("Tugs idle at the north quay.", left.QuerySelector(".comment-body p")!.TextContent);
        Assert.Equal(CommentStatus.Trash, await app.WithDbAsync(db => db.Comments.Where(c => c.Id == ids[1]).Select(c => c.Status).SingleAsync(Cancel)));

        using var other = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostFormAsync(edit, new() { ["body"] = "Hijacked.", ["change"] = "save" }, $"/{slug}/comments/new")).StatusCode);
        var flag = left.QuerySelector("a.comment-flag")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await other.PostFormAsync(flag, [], flag)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Comments.Where(c => c.Id == ids[0]).Select(c => c.Flags).SingleAsync(Cancel)));
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Contains("Flagged 1", (await editor.GetPageAsync("/admin/comments?status=Approved")).QuerySelector($"tr[data-comment='{ids[0]}'] .flags")!.TextContent);

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var late = await writer.GetAsync(edit);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("10 minutes", (await StaffClient.ParseAsync(late)).QuerySelector(".comment-change")!.TextContent);
        Assert.Equal("Tugs idle at the north quay.", await app.WithDbAsync(db => db.Comments.Where(c => c.Id == ids[0]).Select(c => c.BodyText).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Threads_come_oldest_or_newest_first_and_long_ones_load_more()
    {
        await SettingsAsync(CommentsMode.Anyone);
        var (id, slug) = await PublishAsync("Longshore debate");
        await app.WithDbAsync(async db =>
        {
            for (var n = 1; n <= 55; n++)
                db.Comments.Add(new Comment { ArticleId = id, AuthorName = $"Reader {n}", BodyHtml = $"<p>Point {n}.</p>", CreatedAt = DateTime.UtcNow.AddMinutes(n), Status = CommentStatus.Approved });
            await db.SaveChangesAsync(Cancel);
        });
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var first = await reader.GetPageAsync($"/{slug}/");
        Assert.Equal("55 comments", first.QuerySelector("#comments-heading")!.TextContent);
        var shown = Comments(first);
        Assert.Equal(50, shown.Count);
        Assert.Equal(("Point 1.", "Point 50."), (shown[0].QuerySelector(".comment-body p")!.TextContent, shown[^1].QuerySelector(".comment-body p")!.TextContent));
        var more = first.QuerySelector("a.comments-more-link")!.GetAttribute("href")!;
        Assert.Equal($"/{slug}/comments/?page=2", more);
        Assert.Equal(["Point 51.", "Point 52.", "Point 53.", "Point 54.", "Point 55."],
            Comments(await reader.GetPageAsync(more)).Select(c => c.QuerySelector(".comment-body p")!.TextContent));
        var newest = Comments(await reader.GetPageAsync($"/{slug}/?comments=newest"));
        Assert.Equal("Point 55.", newest[0].QuerySelector(".comment-body p")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/{slug}/comments/?page=3")).StatusCode);
    }

    [Fact]
    public async Task Members_only_comments_need_a_member_whose_held_comment_only_they_see()
    {
        await SettingsAsync(CommentsMode.Members, holdFirst: true);
        var (_, slug) = await PublishAsync("Members discuss the budget");
        using var stranger = new StaffClient(StaffClient.Anonymous(app));
        var form = await stranger.GetPageAsync($"/{slug}/comments/new");
        Assert.Null(form.QuerySelector("form.comment-form"));
        Assert.NotNull(form.QuerySelector(".comments-members a[href^='/members/signin']"));
        Assert.Contains("members only", (await stranger.GetPageAsync($"/{slug}/")).QuerySelector(".comment-write")!.TextContent);

        var email = Mailbox.NewAddress();
        using var member = await Members.MemberAccountTests.SignUpAsync(app, email);
        var posted = await CommentSteps.PostAsync(member, slug, new() { ["body"] = "As a member, I object." });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var mine = Assert.Single(Comments(await member.GetPageAsync($"/{slug}/")));
        Assert.Contains("Awaiting moderation", mine.QuerySelector(".comment-awaiting")!.TextContent);
        Assert.Equal($"/{slug}/comments/{mine.Id!["comment-".Length..]}/edit", mine.QuerySelector("a.comment-edit")!.GetAttribute("href"));
        Assert.Equal(email.Split('@')[0], mine.QuerySelector(".comment-author")!.TextContent);
        Assert.Empty(Comments(await stranger.GetPageAsync($"/{slug}/")));
    }

    [Fact]
    public async Task Closed_comments_refuse_and_an_article_may_open_them_until_the_days_run_out()
    {
        await SettingsAsync(CommentsMode.Closed);
        var (id, slug) = await PublishAsync("Quiet piece");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var page = await reader.GetPageAsync($"/{slug}/");
        Assert.Null(page.QuerySelector(".comment-write"));
        Assert.Equal("Comments are closed on this article.", page.QuerySelector(".comments-closed")!.TextContent);
        var api = await ContentApiPostAsync(slug);
        Assert.False(api.GetProperty("comments").GetBoolean());

        await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentsMode, CommentsMode.Anyone), Cancel));
        await app.WithDbAsync(db => db.SiteSettings.ExecuteUpdateAsync(s => s.SetProperty(x => x.CommentsCloseAfterDays, 14), Cancel));
        Assert.NotNull((await reader.GetPageAsync($"/{slug}/")).QuerySelector(".comment-write a"));
        Assert.True((await ContentApiPostAsync(slug)).GetProperty("comments").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("Open for this one."))).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal("Comments close 14 days after publication.", (await reader.GetPageAsync($"/{slug}/")).QuerySelector(".comments-closed")!.TextContent);
        var late = await reader.GetPageAsync($"/{slug}/comments/new");
        Assert.Null(late.QuerySelector("form.comment-form"));
        Assert.Single(Comments(await reader.GetPageAsync($"/{slug}/")));
    }

    private async Task<JsonElement> ContentApiPostAsync(string slug)
    {
        var key = await app.WithDbAsync(async db => (await global::Masthead.ContentApi.ContentKeys.CreateAsync(db, "comments " + Guid.NewGuid(), DateTime.UtcNow)).Value!.Secret);
        using var client = app.CreateClient();
        var json = JsonDocument.Parse(await client.GetStringAsync($"/ghost/api/content/posts/slug/{slug}/?key={key}", Cancel));
        return json.RootElement.GetProperty("posts")[0].Clone();
    }

    [Fact]
    public async Task Replies_thread_to_the_deepest_level_staff_replies_are_marked_and_the_script_gets_the_comment_as_json()
    {
        await SettingsAsync(CommentsMode.Anyone);
        var (_, slug) = await PublishAsync("Lighthouse keepers");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var email = Mailbox.NewAddress();
        var ids = new List<int>();
        int? parent = null;
        foreach (var text in new[] { "Level one.", "Level two.", "Level three.", "Level four, shown at three." })
        {
            var answer = await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger(text, email: email), parent, json: true);
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel)).RootElement;
            Assert.Equal("approved", json.GetProperty("state").GetString());
            var fragment = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(json.GetProperty("html").GetString()!);
            Assert.Equal(text, fragment.QuerySelector("li.comment .comment-body p")!.TextContent);
            parent = json.GetProperty("id").GetInt32();
            ids.Add(parent.Value);
        }

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/comments/edit/{ids[0]}?handler=Reply", new() { ["Reply"] = "Thank you, from the desk." },
            $"/admin/comments/edit/{ids[0]}")).StatusCode);

        var page = await reader.GetPageAsync($"/{slug}/");
        var top = Assert.Single(page.QuerySelectorAll("#comments ol.comment-list > li.comment"));
        Assert.Equal($"comment-{ids[0]}", top.Id);
        var levelTwo = top.QuerySelectorAll(":scope > ol.comment-replies > li.comment").ToList();
        Assert.Equal([$"comment-{ids[1]}", "staff"], levelTwo.Select(l => l.ClassList.Contains("comment-staff") ? "staff" : l.Id));
        var levelThree = levelTwo[0].QuerySelectorAll(":scope > ol.comment-replies > li.comment").Select(l => l.Id).ToList();
        Assert.Equal([$"comment-{ids[2]}", $"comment-{ids[3]}"], levelThree);
        Assert.Null(page.QuerySelector($"#comment-{ids[2]} .comment-reply"));
        Assert.NotNull(page.QuerySelector($"#comment-{ids[1]} > article .comment-reply"));
        Assert.Equal("Staff", page.QuerySelector("li.comment-staff .comment-badge")!.TextContent);
        Assert.Equal("5 comments", page.QuerySelector("#comments-heading")!.TextContent);
    }

    [Fact]
    public async Task Authors_moderate_only_their_own_articles_and_editors_act_on_many_at_once()
    {
        await SettingsAsync(CommentsMode.Anyone, holdFirst: true);
        var person = await PersonAsync("Ada Author");
        using var author = await StaffClient.AsAsync(app, StaffRole.Author, person);
        var (_, own) = await PublishAsync("Ada's piece", author);
        var (_, other) = await PublishAsync("Someone else's piece");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        foreach (var (slug, n) in new[] { (own, 1), (own, 2), (other, 3) })
            Assert.Equal(HttpStatusCode.Accepted, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger($"Held comment {n}."))).StatusCode);
        var all = await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Cancel));

        var queue = await author.GetPageAsync("/admin/comments");
        Assert.Equal(all.Take(2).Select(i => i.ToString()).Order(), queue.QuerySelectorAll("table.comments tbody tr").Select(r => r.GetAttribute("data-comment")!).Order());
        Assert.Equal(HttpStatusCode.Forbidden, (await author.PostRawAsync("/admin/comments?handler=Moderate", [new("ids", all[2].ToString()), new("action", "Approve"),
            new("__RequestVerificationToken", queue.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)])).StatusCode);
        using var contributor = await StaffClient.AsAsync(app, StaffRole.Contributor);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/admin/comments")).StatusCode);

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var bulk = await editor.PostRawAsync("/admin/comments?handler=Moderate&status=Pending", [new("ids", all[0].ToString()), new("ids", all[2].ToString()),
            new("action", "Approve"), new("__RequestVerificationToken", await editor.HiddenValueAsync("/admin/comments", "input[name=__RequestVerificationToken]"))]);
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/comments?handler=Moderate", new() { ["one"] = $"Spam:{all[1]}" }, "/admin/comments")).StatusCode);
        var states = await app.WithDbAsync(db => db.Comments.OrderBy(c => c.Id).Select(c => c.Status).ToListAsync(Cancel));
        Assert.Equal([CommentStatus.Approved, CommentStatus.Spam, CommentStatus.Approved], states);
        var spam = await editor.GetPageAsync("/admin/comments?status=Spam");
        Assert.Equal([all[1].ToString()], spam.QuerySelectorAll("table.comments tbody tr").Select(r => r.GetAttribute("data-comment")!));
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/comments?handler=Moderate", new() { ["ids"] = all[1].ToString(), ["action"] = "Delete" }, "/admin/comments")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Comments.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Authors_hear_of_new_comments_and_commenters_of_approved_replies_each_mail_with_a_link_that_stops_it()
    {
        await SettingsAsync(CommentsMode.Anyone, holdFirst: true);
        var person = await PersonAsync("Mara Mail");
        var staff = await StaffClient.CreateAsync(app, StaffRole.Author, person, Mailbox.NewAddress("author"));
        using var author = await StaffClient.LogInAsync(app, staff);
        var (_, slug) = await PublishAsync("Pier lights", author);
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var (first, second) = (Mailbox.NewAddress("first"), Mailbox.NewAddress("second"));

        Assert.Equal(HttpStatusCode.Accepted, (await CommentSteps.PostAsync(reader, slug, new(CommentSteps.Stranger("Who pays for the lights?", "Fay", first)) { ["notify"] = "true" })).StatusCode);
        var told = await Mailbox.WaitForAsync(staff.Email);
        Assert.Equal("A comment awaits moderation on “Pier lights”", told.Subject);
        Assert.Contains("Who pays for the lights?", told.TextBody);
        var ids = await app.WithDbAsync(db => db.Comments.Select(c => c.Id).ToListAsync(Cancel));
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        await editor.PostFormAsync("/admin/comments?handler=Moderate", new() { ["one"] = $"Approve:{ids[0]}" }, "/admin/comments");

        Assert.Equal(HttpStatusCode.Accepted, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("The harbour fund does.", "Gil", second), replyTo: ids[0])).StatusCode);
        var reply = await app.WithDbAsync(db => db.Comments.Where(c => c.ParentId == ids[0]).Select(c => c.Id).SingleAsync(Cancel));
        Assert.Empty(Mailbox.Messages(first)); // held: nobody is told of a reply nobody can read
        await editor.PostFormAsync("/admin/comments?handler=Moderate", new() { ["one"] = $"Approve:{reply}" }, "/admin/comments");
        var replied = await Mailbox.WaitForAsync(first);
        Assert.Equal("Gil replied to your comment on “Pier lights”", replied.Subject);
        Assert.Equal("List-Unsubscribe=One-Click", replied.Headers["List-Unsubscribe-Post"]);
        var stop = new Uri(replied.Headers["List-Unsubscribe"]!.Trim('<', '>')).AbsolutePath;

        using var mailProgram = new StaffClient(StaffClient.Anonymous(app));
        var stopped = await mailProgram.PostRawAsync(stop, [new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Comments.Where(c => c.Id == ids[0]).Select(c => c.NotifyReplies).SingleAsync(Cancel)));
        Assert.Equal(HttpStatusCode.NotFound, (await mailProgram.PostRawAsync(stop[..^3] + "xyz", [])).StatusCode);
        Assert.Equal(2, Mailbox.Messages(staff.Email).Count); // the reply was news to the author too
    }

    [Fact]
    public async Task Approving_a_comment_announces_the_article_page_and_the_comment_feeds_only_and_the_feeds_carry_it()
    {
        await SettingsAsync(CommentsMode.Anyone, holdFirst: true);
        var (id, slug) = await PublishAsync("Breakwater repairs");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.Accepted, (await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("The breakwater & the <gulls>.", name: "Gus"))).StatusCode);
        var before = await app.WithDbAsync(db => db.PublicationEvents.MaxAsync(e => (long?)e.Id, Cancel)) ?? 0;
        Assert.Equal(0, await app.WithDbAsync(db => db.PublicationEvents.CountAsync(e => e.Id > before, Cancel)));

        var comment = await app.WithDbAsync(db => db.Comments.Select(c => c.Id).SingleAsync(Cancel));
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        await editor.PostFormAsync("/admin/comments?handler=Moderate", new() { ["one"] = $"Approve:{comment}" }, "/admin/comments");
        var announced = await app.WithDbAsync(db => db.PublicationEvents.Where(e => e.Id > before).ToListAsync(Cancel));
        var only = Assert.Single(announced);
        Assert.Equal("comment", only.Subject);
        Assert.Equal([$"article-{id}", "comments"], only.KeyList.Order());

        foreach (var feed in new[] { $"/{slug}/comments/feed/", "/comments/feed/" })
        {
            var response = await reader.GetAsync(feed);
            Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
            var item = Assert.Single(XDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).Descendants("item"));
            Assert.Equal("Comment on Breakwater repairs by Gus", item.Element("title")!.Value);
            Assert.EndsWith($"/{slug}/#comment-{comment}", item.Element("link")!.Value);
            Assert.Contains("The breakwater &amp; the &lt;gulls&gt;.", item.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value);
        }
        var page = await reader.GetAsync($"/{slug}/");
        Assert.Contains(page.Headers.GetValues("Surrogate-Key").Single().Split(' '), key => key.EndsWith($"article-{id}", StringComparison.Ordinal));
        Assert.True(page.Headers.CacheControl is { Public: true });

        // The form's page carries a token: one reader's, never a shared page, even once the token's cookie is set.
        for (var visit = 0; visit < 2; visit++)
        {
            var form = await reader.GetAsync($"/{slug}/comments/new");
            Assert.True(form.Headers.CacheControl is { Public: false, NoStore: true }, form.Headers.CacheControl?.ToString());
            Assert.False(form.Headers.Contains("Surrogate-Key"));
        }
        for (var visit = 0; visit < 2; visit++)
            Assert.True((await reader.GetAsync("/members/signin")).Headers.CacheControl is { Public: false, NoStore: true });
    }
}

/// <summary>The WordPress theme unit test's comments under their posts and pages, with their threading, as the file has them.</summary>
public sealed class ImportedCommentTests : IAsyncLifetime
{
    private static readonly string Export = TestFolders.Shared("fixtures", "wordpress", "themeunittestdata.wordpress.xml");
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Approved_comments_show_threaded_under_their_posts_with_the_files_counts_and_held_ones_only_in_the_queue()
    {
        Assert.Equal(0, (await app.RunCliAsync("import", "wordpress", Export)).Exit);
        var root = XDocument.Load(Export).Root!;
        XNamespace wp = root.GetNamespaceOfPrefix("wp")!;
        var items = root.Element("channel")!.Elements("item")
            .Where(i => (string?)i.Element(wp + "status") == "publish" && string.IsNullOrEmpty((string?)i.Element(wp + "post_password")) && i.Elements(wp + "comment").Any())
            .ToList();
        Assert.NotEmpty(items);
        var ids = await app.WithDbAsync(db => db.Comments.ToDictionaryAsync(c => c.SourceId!, c => c.Id, TestContext.Current.CancellationToken));
        var maxDepth = new CommentsOptions().MaxDepth;
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var held = new List<int>();
        foreach (var item in items)
        {
            var comments = item.Elements(wp + "comment").ToDictionary(c => (string)c.Element(wp + "comment_id")!);
            var approved = comments.Values.Where(c => (string?)c.Element(wp + "comment_approved") == "1").ToList();
            held.AddRange(comments.Values.Except(approved).Select(c => ids[$"wp:comment:{(string)c.Element(wp + "comment_id")!}"]));
            var page = await reader.GetPageAsync($"/{(string)item.Element(wp + "post_name")!}/");
            var shown = page.QuerySelectorAll("#comments li.comment").ToList();
            Assert.Equal(approved.Count, shown.Count);
            Assert.Equal(approved.Count switch { 0 => "Comments", 1 => "1 comment", var n => $"{n} comments" }, page.QuerySelector("#comments-heading")!.TextContent);

            string? Parent(string id) => (string?)comments[id].Element(wp + "comment_parent") is { } p && p != "0" && comments.ContainsKey(p) ? p : null;
            int Depth(string id) => Parent(id) is { } p ? Depth(p) + 1 : 1;
            foreach (var comment in approved)
            {
                var id = (string)comment.Element(wp + "comment_id")!;
                // Under its parent, or, past the deepest level, under the parent's ancestor at the level above it.
                var expected = Parent(id);
                while (expected is not null && Depth(expected) >= maxDepth) expected = Parent(expected);
                var li = page.QuerySelector($"#comment-{ids[$"wp:comment:{id}"]}")!;
                var shownParent = li.ParentElement!.Closest("li.comment");
                Assert.Equal(expected is null ? null : $"comment-{ids[$"wp:comment:{expected}"]}", shownParent?.Id);
            }
        }

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var queue = await editor.GetPageAsync("/admin/comments?status=Pending");
        Assert.Superset(held.Select(h => h.ToString()).ToHashSet(), queue.QuerySelectorAll("table.comments tbody tr").Select(r => r.GetAttribute("data-comment")!).ToHashSet());
        Assert.Equal(await app.WithDbAsync(db => db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, TestContext.Current.CancellationToken)),
            queue.QuerySelectorAll("table.comments tbody tr").Length);
    }
}

/// <summary>What a comment form refuses, each time with the text as typed: on a site that wants 30 s of writing and allows 2 comments an hour.</summary>
public sealed class CommentRefusalTests : IAsyncLifetime
{
    private readonly MastheadApp app = new() { Settings = { ["Masthead:Comments:MinSecondsToWrite"] = "30", ["Masthead:Comments:PerCommenterPerHour"] = "2" } };

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refusals_keep_the_text_honeypot_too_fast_duplicate_and_rate_limit()
    {
        await CommentSteps.SettingsAsync(app, CommentsMode.Anyone);
        var (_, slug) = await CommentSteps.PublishAsync(app, "Dredging contract");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var email = Mailbox.NewAddress();

        var fast = await CommentSteps.PostAsync(reader, slug, CommentSteps.Stranger("Typed by a machine in no time.", email: email));
        Assert.Equal(HttpStatusCode.BadRequest, fast.StatusCode);
        var fastPage = await StaffClient.ParseAsync(fast);
        Assert.Equal("Typed by a machine in no time.", fastPage.QuerySelector("textarea[name=body]")!.TextContent);
        Assert.Contains("quicker than anyone types", fastPage.QuerySelector(".form-errors")!.TextContent);

        app.Clock.Advance(TimeSpan.FromSeconds(40)); // the forms below were shown "40 s" before they are sent
        async Task<HttpResponseMessage> Slowly(Dictionary<string, string> fields)
        {
            var page = await reader.GetPageAsync($"/{slug}/comments/new");
            var values = page.QuerySelectorAll("form.comment-form input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).Concat(fields).ToList();
            app.Clock.Advance(TimeSpan.FromSeconds(31));
            return await reader.PostRawAsync($"/{slug}/comments/new", values);
        }

        var trap = await Slowly(new(CommentSteps.Stranger("Buy now", email: email)) { ["website"] = "http://spam.example" });
        Assert.Equal(HttpStatusCode.Accepted, trap.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Comments.CountAsync(Cancel)));

        Assert.Equal(HttpStatusCode.Redirect, (await Slowly(CommentSteps.Stranger("Worth saying once.", email: email))).StatusCode);
        var again = await Slowly(CommentSteps.Stranger("Worth saying once.", email: email));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already said that", (await StaffClient.ParseAsync(again)).QuerySelector(".form-errors")!.TextContent);

        var limited = await Slowly(CommentSteps.Stranger("One more thought, past the limit.", email: email));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var limitedPage = await StaffClient.ParseAsync(limited);
        Assert.Equal("One more thought, past the limit.", limitedPage.QuerySelector("textarea[name=body]")!.TextContent);
        Assert.Equal(email, limitedPage.QuerySelector("input[name=email]")!.GetAttribute("value"));

        var noAddress = await Slowly(new() { ["body"] = "No address given.", ["name"] = "Anon" });
        Assert.Equal(HttpStatusCode.BadRequest, noAddress.StatusCode);
        var noAddressPage = await StaffClient.ParseAsync(noAddress);
        Assert.Equal("No address given.", noAddressPage.QuerySelector("textarea[name=body]")!.TextContent);
        Assert.NotNull(noAddressPage.QuerySelector(".form-errors a[href='#member-email']"));
    }
}
