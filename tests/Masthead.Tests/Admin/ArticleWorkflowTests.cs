using System.Net;
using AngleSharp.Html.Parser;
using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Staff;
using Masthead.Taxonomy;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Admin;

public sealed class ArticleWorkflowTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpStatusCode> PublicStatusAsync(string path)
    {
        using var reader = app.CreateClient();
        return (await reader.GetAsync(path, Cancel)).StatusCode;
    }

    [Fact]
    public async Task Saving_keeps_ordered_bylines_and_terms_of_every_vocabulary()
    {
        var (first, second) = (await BackOffice.PersonAsync(app, "Zoë Second-Named"), await BackOffice.PersonAsync(app, "Anna First"));
        var region = new Vocabulary { Name = "Region", Slug = "region" };
        var theme = new Vocabulary { Name = "Theme", Slug = "theme", Position = 1 };
        var asia = new Term { Name = "Asia", Slug = "asia", Vocabulary = region };
        await app.WithDbAsync(async db => { db.AddRange(region, theme, asia); await db.SaveChangesAsync(Cancel); });
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);

        var id = await BackOffice.SaveNewAsync(editor, "Two bylines, three terms", "Some *body*.", "Save", new()
        {
            ["Form.Bylines[0]"] = first.Id.ToString(), ["Form.Bylines[1]"] = second.Id.ToString(),
            ["Form.TermIds"] = asia.Id.ToString(), [$"Form.NewTerms[{theme.Id}]"] = "Media Disinformation, US NATO War Agenda",
            ["Form.FeaturedImage"] = "/media/lead.jpg", ["Form.ReaderNote"] = "First published in Thai.",
            ["Form.OriginOutlet"] = "New Eastern Outlook", ["Form.OriginUrl"] = "https://journal-neo.org/x", ["Form.OriginDate"] = "2020-01-15",
        });

        var article = await BackOffice.ArticleAsync(app, id);
        Assert.Equal("two-bylines-three-terms", article.Slug);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(["Zoë Second-Named", "Anna First"], article.Bylines.OrderBy(b => b.Position).Select(b => b.Person.Name));
        Assert.Equal(["Region: Asia", "Theme: Media Disinformation", "Theme: US NATO War Agenda"],
            article.Terms.OrderBy(t => t.Position).Select(t => t.Term.Vocabulary.Name + ": " + t.Term.Name));
        Assert.Equal("<p>Some <em>body</em>.</p>", article.BodyHtml.Trim());
        Assert.Equal(("/media/lead.jpg", "First published in Thai."), (article.FeaturedImage, article.ReaderNote));
        Assert.Equal(("New Eastern Outlook", "https://journal-neo.org/x", new DateOnly(2020, 1, 15)),
            (article.Origin!.Outlet, article.Origin.Url, article.Origin.OriginalDate!.Value));
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/two-bylines-three-terms/"));
    }

    [Fact]
    public async Task A_taken_slug_is_refused_and_everything_typed_is_shown_again()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        await BackOffice.SaveNewAsync(editor, "Taken", "x", "Save", new() { ["Form.Slug"] = "taken" });

        var refused = await BackOffice.PostArticleAsync(editor, null, "Save", new()
        {
            ["Form.Headline"] = "Another headline", ["Form.Slug"] = "taken", ["Form.BodyMarkdown"] = "A long body I must not lose.",
            ["Form.OriginOutlet"] = "New Eastern Outlook",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await StaffClient.ParseAsync(refused);
        Assert.Contains("already has the slug", form.QuerySelector("[data-valmsg-for='Form.Slug']")!.TextContent);
        Assert.Equal("Another headline", form.QuerySelector("#Form_Headline")!.GetAttribute("value"));
        Assert.Equal("A long body I must not lose.", form.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim());
        Assert.Equal("New Eastern Outlook", form.QuerySelector("#Form_OriginOutlet")!.GetAttribute("value"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_scheduled_article_appears_when_its_time_comes()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var at = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
        var id = await BackOffice.SaveNewAsync(editor, "Scheduled piece", "Text.", "Schedule", new() { ["Form.PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm:ss") });
        Assert.Equal(ArticleStatus.Scheduled, (await BackOffice.ArticleAsync(app, id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/scheduled-piece/"));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await WaitForAsync(async () => await PublicStatusAsync("/scheduled-piece/") == HttpStatusCode.OK);
        var revisions = await app.WithDbAsync(db => db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Action).ToListAsync(Cancel));
        Assert.Equal("Published on schedule", revisions.Last());
    }

    [Fact]
    public async Task An_article_that_fell_due_while_the_site_was_down_is_published_from_the_store()
    {
        // What a restart finds: a scheduled row in the store whose time has passed. Nothing is held in memory.
        var article = new Article
        {
            Slug = "overdue", Headline = "Overdue", Status = ArticleStatus.Scheduled, BodyHtml = "<p>x</p>",
            PublishedAt = DateTime.UtcNow.AddHours(-1), CreatedAt = DateTime.UtcNow.AddHours(-2), UpdatedAt = DateTime.UtcNow.AddHours(-2),
        };
        await app.WithDbAsync(async db => { db.Articles.Add(article); await db.SaveChangesAsync(Cancel); });
        await WaitForAsync(async () => await PublicStatusAsync("/overdue/") == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_time_in_the_past_cannot_be_scheduled()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var refused = await BackOffice.PostArticleAsync(editor, null, "Schedule", new()
        {
            ["Form.Headline"] = "Too late", ["Form.PublishAt"] = DateTime.UtcNow.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm"),
        });
        var form = await StaffClient.ParseAsync(refused);
        Assert.Contains("future", form.QuerySelector("[data-valmsg-for='Form.PublishAt']")!.TextContent);
    }

    [Fact]
    public async Task Publishing_with_a_broken_link_asks_first_and_a_site_setting_can_refuse()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var fields = new Dictionary<string, string> { ["Form.Headline"] = "Broken citation", ["Form.BodyMarkdown"] = "See [the report](#) and [this](https://example.org/ok)." };

        var asked = await BackOffice.PostArticleAsync(editor, null, "Publish", fields);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = await StaffClient.ParseAsync(asked);
        var confirm = page.QuerySelector("section.confirm")!;
        Assert.Equal(["the report"], confirm.QuerySelectorAll("li strong").Select(e => e.TextContent));
        Assert.Equal("Publish", confirm.QuerySelector("button[name=action]")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));

        var confirmed = await BackOffice.PostArticleAsync(editor, null, "Publish", fields, confirmed: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync("/broken-citation/"));

        await app.WithDbAsync(async db => { (await db.SiteSettings.SingleAsync(Cancel)).RefuseBrokenLinks = true; await db.SaveChangesAsync(Cancel); });
        var refused = await BackOffice.PostArticleAsync(editor, null, "Publish", new(fields) { ["Form.Headline"] = "Second broken" }, confirmed: true);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("does not publish", (await StaffClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Form.BodyMarkdown']")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/second-broken/"));
    }

    [Fact]
    public async Task A_correction_shows_on_the_public_page_with_its_time_and_an_amendment_is_a_revision()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Corrected story", "Text.", "Publish");
        var before = (await BackOffice.ArticleAsync(app, id)).UpdatedAt;
        app.Clock.Advance(TimeSpan.FromHours(3));

        var added = await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Note", new() { ["kind"] = "Correction", ["noteText"] = "An earlier version misspelled the minister's name." });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode); // the editor again, with whatever was typed in the article kept
        Assert.Equal("Correction added.", (await StaffClient.ParseAsync(added)).QuerySelector("main .flash")!.TextContent);
        var article = await BackOffice.ArticleAsync(app, id);
        Assert.True(article.UpdatedAt > before.AddHours(2));

        using var reader = app.CreateClient();
        var html = await reader.GetStringAsync("/corrected-story/", Cancel);
        var note = new HtmlParser().ParseDocument(html).QuerySelector(".article-notes .note-correction")!;
        Assert.Contains("misspelled the minister's name", note.TextContent);
        Assert.Equal(global::Masthead.Publishing.Settings.SiteDates.Iso(article.Notes.Single().At, TimeZoneInfo.Utc), note.QuerySelector("time")!.GetAttribute("datetime"));

        var noteId = article.Notes.Single().Id;
        await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=AmendNote", new() { ["noteId"] = noteId.ToString(), [$"noteTexts[{noteId}]"] = "An earlier version misspelled the name of the minister." });
        var revisions = await app.WithDbAsync(db => db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).ToListAsync(Cancel));
        Assert.Equal(["Published", "Correction added", "Correction amended"], revisions.Select(r => r.Action));
        Assert.Equal("An earlier version misspelled the minister's name.", ArticleSnapshot.FromJson(revisions[1].Snapshot).Notes.Single().Text);
        Assert.Equal("An earlier version misspelled the name of the minister.", ArticleSnapshot.FromJson(revisions[2].Snapshot).Notes.Single().Text);
    }

    [Fact]
    public async Task A_contributor_submits_for_review_and_cannot_publish_or_edit_after_review()
    {
        var person = await BackOffice.PersonAsync(app, "Casey Contributor");
        using var contributor = await StaffClient.AsAsync(app, StaffRole.Contributor, person.Id);
        var editorPage = await contributor.GetPageAsync("/admin/articles/edit");
        Assert.Null(editorPage.QuerySelector("button[value=Publish]"));
        Assert.Equal(person.Id.ToString(), editorPage.QuerySelector("#byline-0 option[selected]")!.GetAttribute("value"));

        var id = await BackOffice.SaveNewAsync(contributor, "My first piece", "Text.", "Submit");
        Assert.Equal(ArticleStatus.InReview, (await BackOffice.ArticleAsync(app, id)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await BackOffice.PostArticleAsync(contributor, id, "Publish", new() { ["Form.Headline"] = "My first piece" })).StatusCode);

        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "My first piece" })).StatusCode);
        // Published: it is no longer the contributor's to change.
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync($"/admin/articles/edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task Revisions_can_be_compared_and_one_restored()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Original headline", "First paragraph.\n\nSecond paragraph.");
        await BackOffice.PostArticleAsync(editor, id, "Save", new() { ["Form.Headline"] = "Changed headline", ["Form.Slug"] = "original-headline", ["Form.BodyMarkdown"] = "First paragraph.\n\nA new second paragraph." });

        var page = await editor.GetPageAsync($"/admin/articles/revisions/{id}?from=1&to=2");
        Assert.Equal(["2", "1"], page.QuerySelectorAll("table.revisions tbody tr").Select(r => r.GetAttribute("data-number")));
        Assert.Equal(["Headline: Changed headline", "A new second paragraph."], page.QuerySelectorAll(".diff-added").Select(e => e.TextContent.Trim()[2..]));
        Assert.Equal(["Headline: Original headline", "Second paragraph."], page.QuerySelectorAll(".diff-removed").Select(e => e.TextContent.Trim()[2..]));

        var restored = await editor.PostFormAsync($"/admin/articles/revisions/{id}?handler=Restore", new() { ["number"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var article = await BackOffice.ArticleAsync(app, id);
        Assert.Equal("Original headline", article.Headline);
        Assert.Equal("First paragraph.\n\nSecond paragraph.", article.BodyMarkdown);
        var actions = await app.WithDbAsync(db => db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Action).ToListAsync(Cancel));
        Assert.Equal(["Saved", "Saved", "Restored revision 1"], actions);
    }

    [Fact]
    public async Task The_preview_renders_the_body_through_the_public_pipeline()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        var response = await author.PostFormAsync("/admin/articles/edit?handler=Preview", new() { ["Form.BodyMarkdown"] = "Read *this* [report](#) <script>alert(1)</script>" });
        var fragment = new HtmlParser().ParseFragment(await response.Content.ReadAsStringAsync(Cancel), new HtmlParser().ParseDocument("").Body!);
        var paragraph = Assert.Single(fragment.OfType<AngleSharp.Dom.IElement>());
        Assert.Equal("this", paragraph.QuerySelector("em")!.TextContent);
        Assert.Empty(paragraph.QuerySelectorAll("a, script"));
    }

    [Fact]
    public async Task Unpublishing_takes_the_article_off_the_site_and_publishing_again_keeps_its_first_date()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Back and forth", "Text.", "Publish");
        var firstPublished = (await BackOffice.ArticleAsync(app, id)).PublishedAt;
        await BackOffice.PostArticleAsync(editor, id, "Unpublish", new() { ["Form.Headline"] = "Back and forth", ["Form.Slug"] = "back-and-forth" });
        Assert.Equal(ArticleStatus.Unpublished, (await BackOffice.ArticleAsync(app, id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, await PublicStatusAsync("/back-and-forth/"));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Back and forth", ["Form.Slug"] = "back-and-forth" });
        Assert.Equal(HttpStatusCode.OK, await PublicStatusAsync("/back-and-forth/"));
        Assert.Equal(firstPublished, (await BackOffice.ArticleAsync(app, id)).PublishedAt);
    }

    [Fact]
    public async Task The_article_list_filters_by_status_author_term_and_text()
    {
        var tony = await BackOffice.PersonAsync(app, "Tony Cartalucci");
        var region = new Vocabulary { Name = "Region", Slug = "region" };
        var asia = new Term { Name = "Asia", Slug = "asia", Vocabulary = region };
        await app.WithDbAsync(async db => { db.AddRange(region, asia); await db.SaveChangesAsync(Cancel); });
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        await BackOffice.SaveNewAsync(editor, "Thailand draft", "x", "Save", new() { ["Form.Bylines[0]"] = tony.Id.ToString() });
        await BackOffice.SaveNewAsync(editor, "Thailand published", "x", "Publish", new() { ["Form.TermIds"] = asia.Id.ToString() });
        await BackOffice.SaveNewAsync(editor, "Something else", "x", "Publish", new() { ["Form.Bylines[0]"] = tony.Id.ToString(), ["Form.TermIds"] = asia.Id.ToString() });

        async Task<string[]> Headlines(string query) =>
            (await editor.GetPageAsync("/admin/articles?" + query)).QuerySelectorAll("table.articles tbody td:first-child a").Select(a => a.TextContent).Order().ToArray();

        Assert.Equal(["Something else", "Thailand published"], await Headlines("status=Published"));
        Assert.Equal(["Something else", "Thailand draft"], await Headlines($"person={tony.Id}"));
        Assert.Equal(["Something else", "Thailand published"], await Headlines($"term={asia.Id}"));
        Assert.Equal(["Thailand draft", "Thailand published"], await Headlines("q=thailand"));
        Assert.Equal(["Thailand published"], await Headlines($"q=THAILAND&term={asia.Id}&status=Published"));
        Assert.Empty(await Headlines("q=100%25_"));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(50, Cancel);
        }
        Assert.Fail("the condition never became true");
    }

    [Fact]
    public async Task A_preview_or_autosave_sent_between_a_save_and_its_redirect_leaves_the_saved_message_for_the_page()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Tide tables");
        // The token comes first: opening any back-office page shows (and so spends) the message this test is about.
        var token = await editor.HiddenValueAsync($"/admin/articles/edit/{id}", "input[name=__RequestVerificationToken]");
        var saved = await BackOffice.PostArticleAsync(editor, id, "Save", new() { ["Form.Headline"] = "Tide tables, revised", ["Form.BodyMarkdown"] = "Twice a day." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // Neither reads nor writes the message: one sent before the save and answered after it would otherwise delete it.
        using (var preview = await editor.PostRawAsync($"/admin/articles/edit/{id}?handler=Preview", [new("Form.BodyMarkdown", "Twice a day, mostly."), new("__RequestVerificationToken", token)]))
            Assert.Equal((HttpStatusCode.OK, false), (preview.StatusCode, preview.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.Contains("TempData", StringComparison.OrdinalIgnoreCase))));
        using (var autosave = await editor.PostRawAsync($"/admin/articles/edit/{id}?handler=Autosave", [new("Form.Headline", "Tide tables, again"), new("__RequestVerificationToken", token)]))
            Assert.Equal((HttpStatusCode.NoContent, false), (autosave.StatusCode, autosave.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.Contains("TempData", StringComparison.OrdinalIgnoreCase))));
        Assert.Equal("Draft: “Tide tables, revised” saved.", (await editor.GetPageAsync(saved.Headers.Location!.OriginalString)).QuerySelector("main .flash")!.TextContent);
    }
}
