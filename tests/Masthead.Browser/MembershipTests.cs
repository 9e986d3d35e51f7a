using AngleSharp.Html.Parser;
using Masthead.Articles;
using Masthead.Publishing.Body;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>A reader becomes a member in Chromium: the sign-up mail goes through the real SMTP server, and the link opens the members-only article.</summary>
public sealed class MembershipTests : BrowserApp
{
    private const string Article = "/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage));
        await WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Masthead.Data.MastheadDb>();
            var article = await db.Articles.SingleAsync();
            article.Visibility = Visibility.Members;
            services.GetRequiredService<BodyRenderer>().RenderInto(article, article.BodyMarkdown);
            await db.SaveChangesAsync();
            return 0;
        });
    }

    private static List<string> Paragraphs(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll(".article-body p").Select(p => p.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_reader_signs_up_by_mail_and_reads_the_members_only_article_in_full()
    {
        var whole = Paragraphs("<div class=\"article-body\">" + await WithDbAsync(db => db.Articles.Select(a => a.BodyHtml).SingleAsync()) + "</div>");
        var last = whole[^1];

        var page = await NewPageAsync();
        await page.GotoAsync(Article);
        var anonymous = Paragraphs(await page.ContentAsync());
        Assert.NotEmpty(anonymous);
        Assert.True(anonymous.Count < whole.Count);
        Assert.DoesNotContain(last, anonymous);
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));

        await page.Locator(".paywall a.membership-signup").ClickAsync();
        await page.WaitForURLAsync("**/membership/**");
        var email = Mailbox.NewAddress();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Name").FillAsync("Mira Member");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");

        var link = Mailbox.LinkPath(await Mailbox.WaitForAsync(email), "/members/link/");
        await page.GotoAsync(link);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await page.WaitForURLAsync("**" + Article);
        var member = Paragraphs(await page.ContentAsync());
        Assert.Equal(whole, member);
        await Assertions.Expect(page.Locator(".member-nav")).ToHaveTextAsync("Your account");
        await ScreenshotAsync(page, "members-article");

        // Another browser, never signed in, still gets the preview: the member's page was not shared.
        var stranger = await NewPageAsync();
        await stranger.GotoAsync(Article);
        Assert.DoesNotContain(last, Paragraphs(await stranger.ContentAsync()));
    }

    [Fact]
    public async Task A_member_unsubscribes_from_the_link_in_a_newsletter()
    {
        var email = Mailbox.NewAddress();
        var (memberId, newsletterId, articleId) = await WithDbAsync(async db =>
        {
            var newsletter = new Masthead.Newsletters.Newsletter { Name = "Morning Brief", Slug = "morning-brief" };
            var member = new Masthead.Members.Member { Email = email, CreatedAt = DateTime.UtcNow };
            member.Newsletters.Add(newsletter);
            db.Members.Add(member);
            await db.SaveChangesAsync();
            return (member.Id, newsletter.Id, await db.Articles.Select(a => a.Id).SingleAsync());
        });
        await WithScopeAsync(s => s.GetRequiredService<Masthead.Newsletters.NewsletterSends>().RequestAsync(articleId, newsletterId,
            Masthead.Newsletters.Audience.Everyone, null, BaseUrl));
        var message = await Mailbox.WaitForAsync(email);

        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(message.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Unsubscribe from Morning Brief?");
        Assert.Empty(await SeriousAccessibilityViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You are unsubscribed");
        Assert.False(await WithDbAsync(db => db.Members.Where(m => m.Id == memberId).SelectMany(m => m.Newsletters).AnyAsync()));
    }

    [Fact]
    public async Task A_staff_invitation_arrives_by_mail_and_its_link_sets_the_password()
    {
        var owner = await StaffClient.CreateAsync(this, Masthead.Staff.StaffRole.Owner);
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/login");
        await page.GetByLabel("Email").FillAsync(owner.Email);
        await page.GetByLabel("Password").FillAsync(StaffClient.Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/articles");
        await page.GotoAsync("/admin/staff");
        var invited = Mailbox.NewAddress("newhire");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nora Newhire");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(invited);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync($"Invitation sent to {invited}");

        var link = Mailbox.LinkPath(await Mailbox.WaitForAsync(invited), "/admin/invite/");
        var newcomer = await NewPageAsync();
        await newcomer.GotoAsync(link);
        await newcomer.GetByLabel("Password").FillAsync("password12");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Set password and log in" }).ClickAsync();
        await Assertions.Expect(newcomer.Locator(".error")).ToContainTextAsync("common");
        await newcomer.GetByLabel("Password").FillAsync("ink and lamplight 42");
        await newcomer.GetByRole(AriaRole.Button, new() { Name = "Set password and log in" }).ClickAsync();
        await newcomer.WaitForURLAsync("**/admin/articles");
    }
}
