using System.Net;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Admin;

/// <summary>What an editor types is kept: autosave slots, and refusals (a correction, a validation error) that show the form again as typed.</summary>
public sealed class AutosaveTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Autosave_keeps_a_draft_per_person_without_touching_the_published_article()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Storm warning", "Live text.", "Publish");
        var before = await app.WithDbAsync(async db => (Revisions: await db.Revisions.CountAsync(Cancel), Events: await db.PublicationEvents.CountAsync(Cancel)));

        var saved = await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Autosave",
            new() { ["Form.Headline"] = "Storm warning", ["Form.BodyMarkdown"] = "Live text.\n\nHalf a paragraph, not saved" }, $"/admin/articles/edit/{id}");
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal("Live text.", (await BackOffice.ArticleAsync(app, id)).BodyMarkdown);
        Assert.Equal(before, await app.WithDbAsync(async db => (await db.Revisions.CountAsync(Cancel), await db.PublicationEvents.CountAsync(Cancel))));
        using var reader = StaffClient.Anonymous(app);
        Assert.DoesNotContain("Half a paragraph", await reader.GetStringAsync("/storm-warning/", Cancel));

        var reopened = await editor.GetPageAsync($"/admin/articles/edit/{id}");
        Assert.NotNull(reopened.QuerySelector("section.draft-waiting a[href='?restore=true']"));
        Assert.Equal("Live text.", reopened.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim());
        var restored = await editor.GetPageAsync($"/admin/articles/edit/{id}?restore=true");
        Assert.Equal("Live text.\n\nHalf a paragraph, not saved", restored.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim());
        Assert.Equal("true", restored.QuerySelector("form#editor")!.GetAttribute("data-unsaved"));

        // Someone else's editor shows no such offer; a save empties the slot.
        using var other = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Null((await other.GetPageAsync($"/admin/articles/edit/{id}")).QuerySelector("section.draft-waiting"));
        await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Storm warning", ["Form.BodyMarkdown"] = "Live text.\n\nA whole paragraph." });
        Assert.Null((await editor.GetPageAsync($"/admin/articles/edit/{id}")).QuerySelector("section.draft-waiting"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Drafts.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_new_articles_autosave_is_offered_back_on_the_empty_editor()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Author);
        await editor.PostFormAsync("/admin/articles/edit?handler=Autosave", new() { ["Form.Headline"] = "Typed, never saved", ["Form.BodyMarkdown"] = "Words." });
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));
        var restored = await editor.GetPageAsync("/admin/articles/edit?restore=true");
        Assert.Equal("Typed, never saved", restored.QuerySelector("#Form_Headline")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Adding_a_correction_keeps_an_unsaved_body_edit_in_the_form()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Port deal", "Old text.", "Publish");
        var page = await editor.GetPageAsync($"/admin/articles/edit/{id}");
        var version = page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!;
        var revision = page.QuerySelector("input[name='Form.BaseRevision']")!.GetAttribute("value")!;

        var noted = await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Note", new()
        {
            ["Form.Version"] = version, ["Form.BaseRevision"] = revision, ["Form.Headline"] = "Port deal", ["Form.BodyMarkdown"] = "New text, typed before the correction.",
            ["kind"] = "Correction", ["noteText"] = "The tonnage was wrong.",
        });
        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        var after = await StaffClient.ParseAsync(noted);
        Assert.Equal("New text, typed before the correction.", after.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim());
        Assert.Equal("true", after.QuerySelector("form#editor")!.GetAttribute("data-unsaved"));
        var stored = await BackOffice.ArticleAsync(app, id);
        Assert.Equal(("Old text.", "The tonnage was wrong."), (stored.BodyMarkdown, stored.Notes.Single().Text));

        // The form now carries the version after the note, so saving the typed body is not a conflict with oneself.
        var update = await BackOffice.PostArticleAsync(editor, id, "Publish", new()
        {
            ["Form.Version"] = after.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!,
            ["Form.BaseRevision"] = after.QuerySelector("input[name='Form.BaseRevision']")!.GetAttribute("value")!,
            ["Form.Headline"] = "Port deal", ["Form.BodyMarkdown"] = "New text, typed before the correction.",
        });
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        Assert.Equal("New text, typed before the correction.", (await BackOffice.ArticleAsync(app, id)).BodyMarkdown);
    }

    [Fact]
    public async Task Refused_saves_list_their_problems_at_the_top_with_links_to_the_fields()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var response = await BackOffice.PostArticleAsync(editor, null, "Schedule", new()
        {
            ["Form.Headline"] = "", ["Form.BodyMarkdown"] = "Typed body.", ["Form.PublishAt"] = "2001-01-01T10:00", ["Form.Dek"] = "Typed dek",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffClient.ParseAsync(response);
        var links = page.QuerySelectorAll(".error-summary li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#Form_Headline", links);
        Assert.Contains("#Form_PublishAt", links);
        Assert.All(links, href => Assert.NotNull(page.QuerySelector(href!)));
        Assert.Equal(("Typed body.", "Typed dek"), (page.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim(), page.QuerySelector("#Form_Dek")!.GetAttribute("value")));
    }
}
