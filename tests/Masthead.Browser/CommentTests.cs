using Masthead.Comments;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>Readers comment in Chromium, with the script and without it; a moderator approves from the queue; members-only mode sends strangers to sign in.</summary>
public sealed class CommentTests : BrowserApp
{
    private string slug = "";

    public CommentTests() => Settings["Masthead:Comments:MinSecondsToWrite"] = "0";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await CommentSteps.SettingsAsync(this, CommentsMode.Anyone, holdFirst: true);
        await ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage));
        slug = await WithDbAsync(db => db.Articles.Select(a => a.Slug).SingleAsync());
    }

    private static async Task WriteAsync(IPage page, string body, string name, string email)
    {
        await page.GetByLabel("Your comment").FillAsync(body);
        await page.GetByLabel("Name (shown)").FillAsync(name);
        await page.GetByLabel("Email address (never shown)").FillAsync(email);
        // What follows is checked on the page itself: the post may be a fetch (script) or a navigation (no script).
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task With_the_script_a_comment_is_written_in_place_held_approved_from_the_queue_and_replied_to_without_a_reload()
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"/{slug}/");
        await page.Locator("a.comment-write-link").ClickAsync();
        await Assertions.Expect(page.Locator("#comments form.comment-form")).ToBeVisibleAsync();
        Assert.EndsWith($"/{slug}/", page.Url); // still on the article
        var email = Mailbox.NewAddress();
        await WriteAsync(page, "First time here <b>hello</b>.", "Nell <i>Nightwatch</i>", email);
        await Assertions.Expect(page.Locator("#comments .comment-held")).ToContainTextAsync("awaits moderation");
        Assert.Equal(0, await page.Locator("#comments li.comment").CountAsync());
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));

        var moderator = await NewPageAsync();
        var editor = await StaffClient.CreateAsync(this, StaffRole.Editor);
        await moderator.GotoAsync("/admin/login");
        await moderator.GetByLabel("Email").FillAsync(editor.Email);
        await moderator.GetByLabel("Password").FillAsync(StaffClient.Password);
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await moderator.GotoAsync("/admin/comments");
        await Assertions.Expect(moderator.Locator("table.comments tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(moderator.Locator(".held-for")).ToContainTextAsync("first comment");
        await moderator.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(moderator.Locator(".flash, [role=status]").First).ToContainTextAsync("1 comment approved");

        await page.GotoAsync($"/{slug}/");
        var comment = page.Locator("#comments li.comment").First;
        await Assertions.Expect(comment.Locator(".comment-author")).ToHaveTextAsync("Nell <i>Nightwatch</i>");
        await Assertions.Expect(comment.Locator(".comment-body p")).ToHaveTextAsync("First time here <b>hello</b>.");
        await comment.Locator("a.comment-reply").ClickAsync();
        await WriteAsync(page, "Replying, now that I am known.", "Nell", email);
        var reply = page.Locator("#comments li.comment ol.comment-replies li.comment");
        await Assertions.Expect(reply.Locator(".comment-body p")).ToHaveTextAsync("Replying, now that I am known.");
        Assert.EndsWith($"/{slug}/", page.Url);
        await ScreenshotAsync(page, "comments-threaded");
        Assert.Equal(2, await WithDbAsync(db => db.Comments.CountAsync(c => c.Status == CommentStatus.Approved)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_the_script_the_form_page_posts_and_comes_back_to_the_comment_and_a_refusal_keeps_the_text()
    {
        await CommentSteps.SettingsAsync(this, CommentsMode.Anyone, holdFirst: false);
        var page = await NewPageAsync(javaScript: false);
        await page.GotoAsync($"/{slug}/");
        await page.Locator("a.comment-write-link").ClickAsync();
        await Assertions.Expect(page.Locator("form.comment-form")).ToBeVisibleAsync();
        Assert.EndsWith($"/{slug}/comments/new", page.Url);
        var email = Mailbox.NewAddress();
        await WriteAsync(page, "Typed without any script.\n\nTwo paragraphs of it.", "Otto", email);
        await Assertions.Expect(page.Locator("#comments li.comment .comment-body p")).ToHaveCountAsync(2);
        var id = await WithDbAsync(db => db.Comments.Select(c => c.Id).SingleAsync());
        Assert.EndsWith($"/{slug}/?comment={id}#comment-{id}", page.Url);

        // The same words again: refused by the server, and the form comes back with them.
        await page.Locator("a.comment-write-link").ClickAsync();
        await WriteAsync(page, "Typed without any script.\n\nTwo paragraphs of it.", "Otto", email);
        await Assertions.Expect(page.Locator(".form-errors")).ToContainTextAsync("already said that");
        await Assertions.Expect(page.GetByLabel("Your comment")).ToHaveValueAsync("Typed without any script.\n\nTwo paragraphs of it.");
        await Assertions.Expect(page.GetByLabel("Name (shown)")).ToHaveValueAsync("Otto");
        // (axe runs as a script, so the accessibility check is the scripted test's.)
    }

    [Fact(Timeout = 120_000)]
    public async Task A_commenter_edits_their_comment_from_the_link_beside_it_and_another_reader_flags_it()
    {
        await CommentSteps.SettingsAsync(this, CommentsMode.Anyone, holdFirst: false);
        var page = await NewPageAsync();
        await page.GotoAsync($"/{slug}/");
        await page.Locator("a.comment-write-link").ClickAsync();
        await WriteAsync(page, "The lights went out at nine.", "Ines", Mailbox.NewAddress());
        var mine = page.Locator("#comments li.comment").First;
        await Assertions.Expect(mine.Locator(".comment-body p")).ToHaveTextAsync("The lights went out at nine.");
        await mine.Locator("a.comment-edit").ClickAsync();
        await page.GetByLabel("Your comment").FillAsync("The lights went out at ten.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#comments li.comment .comment-body p").First).ToHaveTextAsync("The lights went out at ten.");

        var other = await NewPageAsync();
        await other.GotoAsync($"/{slug}/");
        Assert.Equal(0, await other.Locator("#comments a.comment-edit").CountAsync());
        await other.Locator("#comments a.comment-flag").First.ClickAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Flag it" }).ClickAsync();
        await Assertions.Expect(other.Locator("p.notice")).ToContainTextAsync("moderators will take a look");
        Assert.Equal(1, await WithDbAsync(db => db.Comments.Select(c => c.Flags).SingleAsync()));
    }

    [Fact(Timeout = 120_000)]
    public async Task In_members_only_mode_a_stranger_is_sent_to_sign_in_and_no_form_is_offered()
    {
        await CommentSteps.SettingsAsync(this, CommentsMode.Members);
        var page = await NewPageAsync();
        await page.GotoAsync($"/{slug}/");
        await Assertions.Expect(page.Locator(".comment-write")).ToContainTextAsync("members only");
        await page.Locator("a.comment-write-link").ClickAsync();
        await Assertions.Expect(page.Locator("#comments .comments-members a[href^='/members/signin']")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#comments form.comment-form").CountAsync());
    }
}
