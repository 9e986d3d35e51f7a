using System.Net;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Admin;

/// <summary>Two people saving one thing: the later save from an older copy is refused, and keeps everything typed.</summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<Dictionary<string, string>> OpenedAsync(StaffClient client, int id)
    {
        var page = await client.GetPageAsync($"/admin/articles/edit/{id}");
        return new()
        {
            ["Form.Version"] = page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!,
            ["Form.BaseRevision"] = page.QuerySelector("input[name='Form.BaseRevision']")!.GetAttribute("value")!,
        };
    }

    [Fact]
    public async Task A_stale_article_save_is_refused_with_the_typed_text_kept_and_the_other_change_shown()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Editor);
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var id = await BackOffice.SaveNewAsync(editor, "Harbour strike", "First paragraph.");
        var authorOpened = await OpenedAsync(author, id);
        var editorOpened = await OpenedAsync(editor, id);

        var first = await BackOffice.PostArticleAsync(author, id, "Save", new(authorOpened)
            { ["Form.Headline"] = "Harbour strike", ["Form.BodyMarkdown"] = "First paragraph.\n\nThe author's new paragraph." });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await BackOffice.PostArticleAsync(editor, id, "Save", new(editorOpened)
            { ["Form.Headline"] = "Harbour strike ends", ["Form.BodyMarkdown"] = "First paragraph, edited." });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await StaffClient.ParseAsync(stale);
        var conflict = page.QuerySelector("section.conflict")!;
        Assert.Contains("The author's new paragraph.", conflict.QuerySelectorAll("pre.diff .diff-added").Select(l => l.TextContent.TrimStart('+', ' ').TrimEnd()));
        Assert.Equal("First paragraph, edited.", page.QuerySelector("#Form_BodyMarkdown")!.TextContent.Trim());
        Assert.Equal("Harbour strike ends", page.QuerySelector("#Form_Headline")!.GetAttribute("value"));
        var stored = await BackOffice.ArticleAsync(app, id);
        Assert.Equal(("Harbour strike", "First paragraph.\n\nThe author's new paragraph."), (stored.Headline, stored.BodyMarkdown));

        // "Keep mine": the refused page carries the current version, so saving from it is a deliberate overwrite.
        var keep = await BackOffice.PostArticleAsync(editor, id, "Save", new()
        {
            ["Form.Version"] = page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value")!,
            ["Form.BaseRevision"] = page.QuerySelector("input[name='Form.BaseRevision']")!.GetAttribute("value")!,
            ["Form.Headline"] = "Harbour strike ends", ["Form.BodyMarkdown"] = "First paragraph, edited.\n\nThe author's new paragraph.",
        });
        Assert.Equal(HttpStatusCode.Redirect, keep.StatusCode);
        Assert.Equal("First paragraph, edited.\n\nThe author's new paragraph.", (await BackOffice.ArticleAsync(app, id)).BodyMarkdown);
    }

    [Fact]
    public async Task Two_saves_taking_one_slug_at_once_give_one_article_and_a_field_error()
    {
        using var one = await StaffClient.AsAsync(app, StaffRole.Editor);
        using var two = await StaffClient.AsAsync(app, StaffRole.Editor);
        for (var round = 0; round < 5; round++)
        {
            var slug = $"contested-{round}";
            var answers = await Task.WhenAll(
                BackOffice.PostArticleAsync(one, null, "Save", new() { ["Form.Headline"] = "One", ["Form.Slug"] = slug, ["Form.BodyMarkdown"] = "A." }),
                BackOffice.PostArticleAsync(two, null, "Save", new() { ["Form.Headline"] = "Two", ["Form.Slug"] = slug, ["Form.BodyMarkdown"] = "B." }));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Redirect], answers.Select(a => a.StatusCode).Order());
            var refused = await StaffClient.ParseAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK));
            Assert.NotNull(refused.QuerySelector(".error-summary a[href='#Form_Slug']"));
            Assert.Equal(1, await app.WithDbAsync(db => db.Articles.CountAsync(a => a.Slug == slug, Cancel)));
        }
    }

    [Fact]
    public async Task Stale_saves_of_people_settings_terms_and_vocabularies_are_refused_and_change_nothing()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Owner);
        var person = await BackOffice.PersonAsync(app, "Jane Roe");
        var form = $"/admin/people/edit/{person.Id}";
        var opened = await editor.HiddenValueAsync(form, "input[name='Form.Version']");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(form, new() { ["Form.Name"] = "Jane Roe", ["Form.Bio"] = "Reporter.", ["Form.Version"] = opened })).StatusCode);
        var stale = await editor.PostFormAsync(form, new() { ["Form.Name"] = "Jane Q. Roe", ["Form.Bio"] = "Typed by the second person.", ["Form.Version"] = opened });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await StaffClient.ParseAsync(stale);
        Assert.NotNull(page.QuerySelector("section.conflict"));
        Assert.Equal("Typed by the second person.", page.QuerySelector("#Form_Bio")!.TextContent.Trim());
        Assert.Equal("Reporter.", await app.WithDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Bio).SingleAsync(Cancel)));

        var settingsOpened = await editor.HiddenValueAsync("/admin/settings", "input[name='Form.Version']");
        Dictionary<string, string> Settings(string name) => new()
            { ["Form.Name"] = name, ["Form.TimeZone"] = "UTC", ["Form.PageSize"] = "10", ["Form.MaxUploadMegabytes"] = "20", ["Form.Version"] = settingsOpened };
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/settings", Settings("The Daily"))).StatusCode);
        var staleSettings = await editor.PostFormAsync("/admin/settings", Settings("The Weekly"));
        Assert.Equal(HttpStatusCode.OK, staleSettings.StatusCode);
        Assert.Equal("The Weekly", (await StaffClient.ParseAsync(staleSettings)).QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal("The Daily", await app.WithDbAsync(db => db.SiteSettings.Select(s => s.Name).SingleAsync(Cancel)));

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/taxonomy", new() { ["Name"] = "Region" })).StatusCode);
        var region = await app.WithDbAsync(db => db.Vocabularies.SingleAsync(Cancel));
        var vocabulary = $"/admin/taxonomy/vocabulary/{region.Id}";
        await editor.PostFormAsync(vocabulary + "?handler=AddTerm", new() { ["name"] = "Asia" });
        var termOpened = await editor.HiddenValueAsync(vocabulary, "tr[data-term=asia] input[name=version]");
        var termId = await app.WithDbAsync(db => db.Terms.Select(t => t.Id).SingleAsync(Cancel));
        Dictionary<string, string> Term(string name) => new() { ["termId"] = termId.ToString(), ["name"] = name, ["version"] = termOpened };
        await editor.PostFormAsync(vocabulary + "?handler=RenameTerm", Term("Asia-Pacific"));
        await editor.PostFormAsync(vocabulary + "?handler=RenameTerm", Term("East Asia"));
        Assert.Equal("Asia-Pacific", await app.WithDbAsync(db => db.Terms.Select(t => t.Name).SingleAsync(Cancel)));
        var flash = (await editor.GetPageAsync(vocabulary)).QuerySelector(".flash")!.TextContent;
        Assert.StartsWith("Someone saved this term", flash);

        var vocabularyOpened = await editor.HiddenValueAsync(vocabulary, "form[action*=Rename]:not([action*=RenameTerm]) input[name=version]");
        Dictionary<string, string> Vocabulary(string name) => new() { ["name"] = name, ["slug"] = "region", ["position"] = "0", ["version"] = vocabularyOpened };
        await editor.PostFormAsync(vocabulary + "?handler=Rename", Vocabulary("Regions"));
        await editor.PostFormAsync(vocabulary + "?handler=Rename", Vocabulary("Areas"));
        Assert.Equal("Regions", await app.WithDbAsync(db => db.Vocabularies.Select(v => v.Name).SingleAsync(Cancel)));
        Assert.StartsWith("Someone saved this vocabulary", (await editor.GetPageAsync(vocabulary)).QuerySelector(".flash")!.TextContent);
    }
}
