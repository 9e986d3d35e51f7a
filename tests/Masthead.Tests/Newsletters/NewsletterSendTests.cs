using System.Net;
using AngleSharp.Html.Parser;
using Masthead.Articles;
using Masthead.Members;
using Masthead.Newsletters;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Masthead.Tests.Newsletters;

/// <summary>Newsletters sent from the back office over the real SMTP server, read back with MimeKit.</summary>
public sealed class NewsletterSendTests : IAsyncLifetime
{
    private const string Secret = "Quillborough tender documents";
    private readonly MastheadApp app = new() { Settings = { ["Masthead:Mail:PollIntervalMs"] = "100", ["Masthead:Mail:MaxAttempts"] = "2" } };

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(StaffClient Editor, int Newsletter, int Article)> SetUpAsync(Masthead.Articles.Visibility visibility)
    {
        var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var created = await owner.PostFormAsync("/admin/newsletters?handler=Create", new()
        {
            ["NewName"] = "The Daily Ledger", ["NewDescription"] = "Every weekday", ["NewSenderName"] = "Ledger Desk",
            ["NewReplyTo"] = "letters@gazette.example", ["NewSubscribeOnSignUp"] = "true",
        }, "/admin/newsletters");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var newsletter = await app.WithDbAsync(db => db.Newsletters.Where(n => n.Name == "The Daily Ledger").Select(n => n.Id).SingleAsync(Cancel));
        var article = await Admin.BackOffice.SaveNewAsync(owner, "Port contract under audit",
            $"The opening everyone reads, with [a link](/about/).\n\n> A quoted line.\n\n{Masthead.Publishing.Body.Previews.Marker}\n\nThe {Secret} name the bidders.",
            "Publish", new() { ["Form.Visibility"] = visibility.ToString() });
        return (owner, newsletter, article);
    }

    private Task<Member> MemberAsync(string email, int? newsletter, bool paid = false) => app.WithDbAsync(async db =>
    {
        var member = new Member { Email = email, CreatedAt = DateTime.UtcNow };
        if (newsletter is { } id) member.Newsletters.Add(await db.Newsletters.SingleAsync(n => n.Id == id, Cancel));
        if (paid)
        {
            member.Tier = await db.Tiers.SingleOrDefaultAsync(t => t.Slug == "patron", Cancel) ?? new Tier { Slug = "patron", Name = "Patron", MonthlyPrice = 800 };
            member.Complimentary = true;
        }
        db.Members.Add(member);
        await db.SaveChangesAsync(Cancel);
        return member;
    });

    private async Task<int> SendAsync(StaffClient editor, int article, int newsletter, Audience audience = Audience.Everyone)
    {
        var sent = await editor.PostFormAsync("/admin/newsletters?handler=Send",
            new() { ["ArticleId"] = article.ToString(), ["NewsletterId"] = newsletter.ToString(), ["Audience"] = audience.ToString() }, "/admin/newsletters");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return int.Parse(sent.Headers.Location!.OriginalString.Split('/').Last());
    }

    private async Task<Dictionary<string, int>> FinishedReportAsync(StaffClient editor, int send)
    {
        for (var waited = 0; waited < 20_000; waited += 100)
        {
            var open = await app.WithDbAsync(db => db.SendRecipients.CountAsync(r => r.SendId == send && (r.State == DeliveryState.Pending || r.State == DeliveryState.Sending), Cancel));
            if (open == 0) break;
            await Task.Delay(100, Cancel);
        }
        var page = await editor.GetPageAsync($"/admin/newsletters/send/{send}");
        return page.QuerySelectorAll("dd[data-count]").ToDictionary(d => d.GetAttribute("data-count")!, d => int.Parse(d.TextContent));
    }

    private static string Paragraphs(MimeMessage message) =>
        string.Join("\n", new HtmlParser().ParseDocument(message.HtmlBody!).QuerySelectorAll(".email-body p").Select(p => p.TextContent));

    [Fact]
    public async Task A_paid_article_goes_whole_to_paying_subscribers_as_a_preview_to_the_others_and_to_nobody_else()
    {
        var (editor, newsletter, article) = await SetUpAsync(Masthead.Articles.Visibility.Paid);
        var (paid, free, outsider) = (Mailbox.NewAddress("paid"), Mailbox.NewAddress("free"), Mailbox.NewAddress("outsider"));
        await MemberAsync(paid, newsletter, paid: true);
        await MemberAsync(free, newsletter);
        await MemberAsync(outsider, null);

        var send = await SendAsync(editor, article, newsletter);
        var report = await FinishedReportAsync(editor, send);
        Assert.Equal(2, report["total"]);
        Assert.Equal(2, report["accepted"]);

        var whole = await Mailbox.WaitForAsync(paid);
        var opening = await Mailbox.WaitForAsync(free);
        Assert.Contains(Secret, Paragraphs(whole));
        Assert.DoesNotContain("Quillborough", opening.HtmlBody);
        Assert.DoesNotContain("Quillborough", opening.TextBody);
        Assert.NotNull(new HtmlParser().ParseDocument(opening.HtmlBody!).QuerySelector(".email-paywall"));
        Assert.Empty(Mailbox.Messages(outsider));

        Assert.Equal("Port contract under audit", whole.Subject);
        Assert.Equal("Ledger Desk", Assert.Single(whole.From.Mailboxes).Name);
        Assert.Equal("news@gazette.example", Assert.Single(whole.From.Mailboxes).Address);
        Assert.Equal("letters@gazette.example", Assert.Single(whole.ReplyTo.Mailboxes).Address);
        Assert.Contains("Port contract under audit", whole.TextBody);
        Assert.Contains("> A quoted line.", whole.TextBody);
        // Site-relative links are absolute in mail; "view in browser" is the article's address.
        var html = new HtmlParser().ParseDocument(whole.HtmlBody!);
        Assert.All(html.QuerySelectorAll(".email-body a[href]"), a => Assert.StartsWith("http", a.GetAttribute("href")));
        Assert.EndsWith("/port-contract-under-audit/", html.QuerySelectorAll("a").First(a => a.TextContent == "View in browser").GetAttribute("href"));
        Assert.Contains("margin", html.QuerySelector(".email-body p")!.GetAttribute("style"));
        Assert.Equal("List-Unsubscribe=One-Click", whole.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = whole.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.Equal(unsubscribe, html.QuerySelector("a.unsubscribe")!.GetAttribute("href"));
    }

    [Fact]
    public async Task One_click_unsubscribe_works_without_signing_in_and_a_tampered_link_does_nothing()
    {
        var (editor, newsletter, article) = await SetUpAsync(Masthead.Articles.Visibility.Public);
        var reader = Mailbox.NewAddress();
        var member = await MemberAsync(reader, newsletter);
        await FinishedReportAsync(editor, await SendAsync(editor, article, newsletter));
        var unsubscribe = new Uri((await Mailbox.WaitForAsync(reader)).Headers["List-Unsubscribe"]!.Trim('<', '>')).AbsolutePath;

        using var mailProgram = StaffClient.Anonymous(app); // no cookie, no antiforgery token: RFC 8058
        // A GET (a mail scanner following links) asks and changes nothing.
        var asked = await mailProgram.GetAsync(unsubscribe, Cancel);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).SelectMany(m => m.Newsletters).AnyAsync(Cancel)));

        var tampered = await mailProgram.PostAsync(unsubscribe[..^4] + "AAAA", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);

        var done = await mailProgram.PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Cancel);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("You are unsubscribed", (await StaffClient.ParseAsync(done)).QuerySelector("h1")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).SelectMany(m => m.Newsletters).AnyAsync(Cancel)));
    }

    [Fact]
    public async Task Refusals_are_recorded_a_5xx_bounces_the_address_4xx_is_retried_and_only_failed_ones_are_retried_by_hand()
    {
        var (editor, newsletter, article) = await SetUpAsync(Masthead.Articles.Visibility.Public);
        var (rejected, flaky, deferred, fine) = (Mailbox.NewAddress("reject"), Mailbox.NewAddress("flaky"), Mailbox.NewAddress("defer"), Mailbox.NewAddress());
        foreach (var address in new[] { rejected, flaky, deferred, fine }) await MemberAsync(address, newsletter);

        var send = await SendAsync(editor, article, newsletter);
        await Mailbox.WaitForAsync(fine);
        // The flaky and deferred addresses wait a minute for their second try; the clock gets there at once.
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(500, Cancel);
            app.Clock.Advance(TimeSpan.FromMinutes(3));
        }
        var report = await FinishedReportAsync(editor, send);
        Assert.Equal(new Dictionary<string, int> { ["total"] = 4, ["accepted"] = 2, ["failed"] = 2, ["pending"] = 0, ["unconfirmed"] = 0 }, report);
        Assert.Single(Mailbox.Messages(flaky));
        var rows = await app.WithDbAsync(db => db.SendRecipients.Where(r => r.SendId == send).ToDictionaryAsync(r => r.Email, Cancel));
        Assert.StartsWith("550", rows[rejected].Response);
        Assert.Equal(1, rows[rejected].Attempts);
        Assert.StartsWith("451", rows[deferred].Response);
        Assert.Equal(2, rows[deferred].Attempts);
        var bounced = await app.WithDbAsync(db => db.Members.Where(m => m.BouncedAt != null).Select(m => m.Email).ToListAsync(Cancel));
        Assert.Equal([rejected], bounced);

        // Retry takes the failed address that does not bounce, never the accepted ones.
        var retried = await editor.PostFormAsync($"/admin/newsletters/send/{send}?handler=Retry", [], $"/admin/newsletters/send/{send}");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Contains((await app.WithDbAsync(db => db.SendRecipients.SingleAsync(r => r.SendId == send && r.Email == deferred, Cancel))).State,
            new[] { DeliveryState.Pending, DeliveryState.Sending });
        Assert.Equal(DeliveryState.Failed, (await app.WithDbAsync(db => db.SendRecipients.SingleAsync(r => r.SendId == send && r.Email == rejected, Cancel))).State);
        Assert.Equal(DeliveryState.Accepted, (await app.WithDbAsync(db => db.SendRecipients.SingleAsync(r => r.SendId == send && r.Email == fine, Cancel))).State);

        // The next send skips the bouncing address.
        var next = await SendAsync(editor, article, newsletter);
        Assert.Equal(3, await app.WithDbAsync(db => db.SendRecipients.CountAsync(r => r.SendId == next, Cancel)));
        Assert.False(await app.WithDbAsync(db => db.SendRecipients.AnyAsync(r => r.SendId == next && r.Email == rejected, Cancel)));
    }

    [Fact]
    public async Task Publish_and_email_sends_once_when_the_article_is_published_now_or_when_its_schedule_fires()
    {
        var (editor, newsletter, _) = await SetUpAsync(Masthead.Articles.Visibility.Public);
        var reader = Mailbox.NewAddress();
        await MemberAsync(reader, newsletter);

        // Published now, emailed with it.
        var now = await Admin.BackOffice.SaveNewAsync(editor, "Harbour pilots strike", "The pilots stopped work at dawn.", "Publish",
            new() { ["EmailNewsletterId"] = newsletter.ToString(), ["EmailAudience"] = "Everyone" });
        Assert.Equal("Harbour pilots strike", (await Mailbox.WaitForAsync(reader)).Subject);

        // Planned on a scheduled article: nothing goes until the schedule fires, then once, whatever is saved after.
        var at = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        var later = await Admin.BackOffice.SaveNewAsync(editor, "Tide tables revised", "New tables from the port authority.", "Schedule",
            new() { ["Form.PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm:ss"), ["EmailNewsletterId"] = newsletter.ToString(), ["EmailAudience"] = "Everyone" });
        var form = await editor.GetPageAsync($"/admin/articles/edit/{later}");
        Assert.Equal(newsletter.ToString(), form.QuerySelector("select[name=EmailNewsletterId] option[selected]")!.GetAttribute("value"));
        var planned = await editor.GetPageAsync("/admin/newsletters");
        Assert.Contains("goes out when published", planned.QuerySelector("table.sends tbody tr")!.TextContent);
        await Task.Delay(500, Cancel);
        Assert.Single(Mailbox.Messages(reader));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await Mailbox.WaitForAsync(reader, count: 2);
        Assert.Equal(["Harbour pilots strike", "Tide tables revised"], Mailbox.Messages(reader).Select(m => m.Subject).Order());
        Assert.Equal(ArticleStatus.Published, (await Admin.BackOffice.ArticleAsync(app, later)).Status);

        // Saving the published article again (its event consumed again) sends nothing more; the editor no longer offers it.
        Assert.Equal(HttpStatusCode.Redirect, (await Admin.BackOffice.PostArticleAsync(editor, later, "Publish", new()
        {
            ["Form.Headline"] = "Tide tables revised", ["Form.BodyMarkdown"] = "New tables, corrected.", ["EmailNewsletterId"] = newsletter.ToString(),
        })).StatusCode);
        Assert.Null((await editor.GetPageAsync($"/admin/articles/edit/{later}")).QuerySelector("select[name=EmailNewsletterId]"));
        await Task.Delay(1000, Cancel);
        Assert.Equal(2, Mailbox.Messages(reader).Count);
        Assert.Equal([1, 1], await app.WithDbAsync(db => db.NewsletterSends.Where(s => s.ArticleId == now || s.ArticleId == later)
            .Select(s => db.SendRecipients.Count(r => r.SendId == s.Id)).ToListAsync(Cancel)));
    }

    [Fact]
    public async Task A_test_goes_to_one_address_and_records_nothing()
    {
        var (editor, newsletter, article) = await SetUpAsync(Masthead.Articles.Visibility.Members);
        // From the article: its page in the back office leads to the send form with it chosen.
        var editPage = await editor.GetPageAsync($"/admin/articles/edit/{article}");
        Assert.True(editPage.QuerySelector("a.send-newsletter") is not null, editPage.QuerySelector(".title-row")?.OuterHtml);
        var send = editPage.QuerySelector("a.send-newsletter")!.GetAttribute("href")!;
        var form = await editor.GetPageAsync(send);
        Assert.Equal(article.ToString(), form.QuerySelector("#ArticleId option[selected]")!.GetAttribute("value"));
        var me = Mailbox.NewAddress("editor");
        var tested = await editor.PostFormAsync("/admin/newsletters?handler=Test",
            new() { ["ArticleId"] = article.ToString(), ["NewsletterId"] = newsletter.ToString(), ["TestAddress"] = me }, "/admin/newsletters");
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        var message = await Mailbox.WaitForAsync(me);
        Assert.Equal("[Test] Port contract under audit", message.Subject);
        Assert.Contains(Secret, Paragraphs(message));
        Assert.Equal(0, await app.WithDbAsync(db => db.SendRecipients.CountAsync(Cancel)));

        var refused = await editor.PostFormAsync("/admin/newsletters?handler=Test",
            new() { ["ArticleId"] = article.ToString(), ["NewsletterId"] = newsletter.ToString(), ["TestAddress"] = "not an address" }, "/admin/newsletters");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("not an address", (await StaffClient.ParseAsync(refused)).QuerySelector("#TestAddress")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Contributors_and_authors_cannot_send()
    {
        var (_, newsletter, article) = await SetUpAsync(Masthead.Articles.Visibility.Public);
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/admin/newsletters")).StatusCode);
        var attempt = await author.PostFormAsync("/admin/newsletters?handler=Send",
            new() { ["ArticleId"] = article.ToString(), ["NewsletterId"] = newsletter.ToString(), ["Audience"] = "Everyone" });
        Assert.Equal(HttpStatusCode.Forbidden, attempt.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.NewsletterSends.CountAsync(Cancel)));
    }
}
