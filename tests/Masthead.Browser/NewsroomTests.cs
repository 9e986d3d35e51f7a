using Masthead.Articles;
using Masthead.Authors;
using Masthead.Staff;
using Masthead.Taxonomy;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>A newsroom's day in Chromium: setup, login, writing, preview, scheduling, a broken link, a correction.</summary>
public sealed class NewsroomTests : BrowserApp
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task SeedAsync()
    {
        var region = new Vocabulary { Name = "Region", Slug = "region" };
        var theme = new Vocabulary { Name = "Theme", Slug = "theme", Position = 1 };
        var dossier = new Vocabulary { Name = "In-depth Report", Slug = "in-depth-report", Position = 2 };
        await WithDbAsync(async db =>
        {
            db.AddRange(
                new Person { Name = "Tony Cartalucci", Slug = "tony-cartalucci" }, new Person { Name = "Anna Second", Slug = "anna-second" },
                new Term { Name = "Asia", Slug = "asia", Vocabulary = region }, new Term { Name = "Media Disinformation", Slug = "media-disinformation", Vocabulary = theme },
                new Term { Name = "NATO", Slug = "nato", Vocabulary = dossier });
            await db.SaveChangesAsync(Cancel);
        });
    }

    [Fact]
    public async Task Owner_sets_up_writes_schedules_publishes_and_corrects()
    {
        await SeedAsync();
        var page = await NewPageAsync();

        // First run: the back office sends the visitor to the one-time setup.
        await page.GotoAsync("/admin");
        Assert.EndsWith("/admin/setup", page.Url);
        await page.GetByLabel("Your name").FillAsync("Olive Owner");
        await page.GetByLabel("Email").FillAsync("olive@example.org");
        await page.GetByLabel("Password").FillAsync(StaffClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create owner account" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles");

        // Log out and in again, through the pages.
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/login");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.GetByLabel("Email").FillAsync("olive@example.org");
        await page.GetByLabel("Password").FillAsync(StaffClient.Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/articles");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));

        // Write: two bylines, three terms, a live preview.
        await page.GetByRole(AriaRole.Link, new() { Name = "New article" }).ClickAsync();
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Thailand Targeted by Washington");
        await page.GetByLabel("Byline 1").SelectOptionAsync(new SelectOptionValue { Label = "Tony Cartalucci" });
        await page.GetByLabel("Byline 2").SelectOptionAsync(new SelectOptionValue { Label = "Anna Second" });
        foreach (var term in new[] { "Asia", "Media Disinformation", "NATO" })
            await page.GetByLabel(term, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Body (Markdown)").FillAsync("The US is *again* targeting Thailand.\n\n> A quotation.");
        await Assertions.Expect(page.Locator("#preview-body em")).ToHaveTextAsync("again");
        await Assertions.Expect(page.Locator("#preview-body blockquote")).ToHaveTextAsync("A quotation.");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));
        await ScreenshotAsync(page, "editor");

        // Schedule five minutes ahead (the field has minutes only, so one minute could be seconds); the scheduler publishes it once the clock gets there.
        var at = TimeZoneInfo.ConvertTimeFromUtc(Clock.GetUtcNow().UtcDateTime.AddMinutes(5), TimeZoneInfo.Utc);
        await page.GetByLabel("Publish at").FillAsync(at.ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .status")).ToHaveTextAsync("Scheduled");
        var reader = await NewPageAsync();
        Assert.Equal(404, (await reader.GotoAsync("/thailand-targeted-by-washington/"))!.Status);

        Clock.Advance(TimeSpan.FromMinutes(6));
        await WaitForAsync(async () => (await reader.GotoAsync("/thailand-targeted-by-washington/"))!.Status == 200);
        await Assertions.Expect(reader.Locator("h1.headline")).ToHaveTextAsync("Thailand Targeted by Washington");
        await Assertions.Expect(reader.Locator("address.byline a")).ToHaveTextAsync(["Tony Cartalucci", "Anna Second"]);
        await Assertions.Expect(reader.Locator("p.terms a")).ToHaveTextAsync(["Asia", "Media Disinformation", "NATO"]);
        await ScreenshotAsync(reader, "article");

        // A broken citation: publishing asks first.
        await page.GotoAsync("/admin/articles/edit");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Report with a placeholder");
        await page.GetByLabel("Body (Markdown)").FillAsync("Read [the report (.pdf)](#) now.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        var confirm = page.Locator("section.confirm");
        await Assertions.Expect(confirm.Locator("li strong")).ToHaveTextAsync("the report (.pdf)");
        Assert.Equal("Report with a placeholder", await page.GetByLabel("Headline", new() { Exact = true }).InputValueAsync());
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .status")).ToHaveTextAsync("Published");

        // A correction, shown on the public page with its time.
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("The report's title was corrected.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await reader.GotoAsync("/report-with-a-placeholder/");
        var note = reader.Locator(".article-notes .note-correction");
        await Assertions.Expect(note).ToContainTextAsync("The report's title was corrected.");
        Assert.NotNull(await note.Locator("time").GetAttributeAsync("datetime"));
    }

    [Fact]
    public async Task A_contributor_submits_for_review_and_cannot_publish()
    {
        await SeedAsync();
        var member = await StaffClient.CreateAsync(this, StaffRole.Contributor, email: "casey@example.org");
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync("casey@example.org");
        await page.GetByLabel("Password").FillAsync(StaffClient.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles");

        await page.GotoAsync("/admin/articles/edit");
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("A contributor's piece");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Assertions.Expect(page.Locator(".title-row .status")).ToHaveTextAsync("InReview");

        // Forging the missing button does not help: the server refuses.
        await page.EvaluateAsync("() => { const b = document.createElement('button'); b.name = 'action'; b.value = 'Publish'; b.id = 'forged'; b.textContent = 'forged'; document.getElementById('editor').append(b); }");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#forged"), r => r.Request.Method == "POST");
        Assert.Equal(403, response!.Status);
        var status = await WithDbAsync(db => db.Articles.Where(a => a.Headline == "A contributor's piece").Select(a => a.Status).SingleAsync(Cancel));
        Assert.Equal(ArticleStatus.InReview, status);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition()) return;
            await Task.Delay(100, Cancel);
        }
        Assert.Fail("the condition never became true");
    }
}
