using System.Net;
using System.Text.Json;
using Masthead.Members;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Members;

/// <summary>Readers' accounts over HTTP, with the links read from the mail the real SMTP server received.</summary>
public sealed class MemberAccountTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<int> NewsletterAsync(string name, bool onSignUp = true) => await app.WithDbAsync(async db =>
    {
        var newsletter = new Masthead.Newsletters.Newsletter { Name = name, Slug = name.ToLowerInvariant().Replace(' ', '-') + Guid.NewGuid().ToString("N")[..4], SubscribeOnSignUp = onSignUp };
        db.Newsletters.Add(newsletter);
        await db.SaveChangesAsync(Cancel);
        return newsletter.Id;
    });

    /// <summary>Signs up through the pages and follows the mailed link; returns the signed-in client.</summary>
    public static async Task<StaffClient> SignUpAsync(MastheadApp app, string email, Dictionary<string, string>? more = null)
    {
        var reader = new StaffClient(StaffClient.Anonymous(app));
        var sent = await reader.PostFormAsync("/membership/", new(more ?? []) { ["email"] = email }, "/membership/");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var link = Mailbox.LinkPath(await Mailbox.WaitForAsync(email), "/members/link/");
        var followed = await reader.PostFormAsync(link, [], link);
        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        return reader;
    }

    [Fact]
    public async Task Signing_up_confirms_the_address_by_mail_and_no_account_exists_before()
    {
        var daily = await NewsletterAsync("The Daily");
        var weekend = await NewsletterAsync("Weekend Reads", onSignUp: false);
        var email = Mailbox.NewAddress();
        using var reader = new StaffClient(StaffClient.Anonymous(app));

        var form = await reader.GetPageAsync("/membership/");
        Assert.True(form.QuerySelector($"input[name=newsletters][value='{daily}']")!.HasAttribute("checked"));
        Assert.False(form.QuerySelector($"input[name=newsletters][value='{weekend}']")!.HasAttribute("checked"));
        Assert.Equal("Free", form.QuerySelector(".tier-free h3")!.TextContent);

        var sent = await reader.PostRawAsync("/membership/", [new("email", email), new("name", "Rosa Reader"), new("newsletters", weekend.ToString()),
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.Equal("Check your inbox", (await StaffClient.ParseAsync(sent)).QuerySelector("h1")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == email, Cancel)));

        var mail = await Mailbox.WaitForAsync(email);
        Assert.StartsWith("Confirm your membership", mail.Subject);
        Assert.Contains("/members/link/", mail.TextBody);
        var link = Mailbox.LinkPath(mail, "/members/link/");
        // Opening the link (as a mail scanner would) spends nothing: a button does.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(link)).StatusCode);
        var followed = await reader.PostFormAsync(link, [], link);
        Assert.Equal("/account/", followed.Headers.Location!.OriginalString);

        var account = await reader.GetPageAsync("/account/");
        Assert.Equal("Rosa Reader", account.QuerySelector("#member-name")!.GetAttribute("value"));
        Assert.Contains(email, account.QuerySelector(".membership-status")!.TextContent);
        Assert.True(account.QuerySelector($"input[name=newsletters][value='{weekend}']")!.HasAttribute("checked"));
        Assert.False(account.QuerySelector($"input[name=newsletters][value='{daily}']")!.HasAttribute("checked"));
        // The member's pages are their own: never stored by a shared cache.
        var home = await reader.GetAsync("/");
        Assert.True(home.Headers.CacheControl is { Private: true, NoCache: true, Public: false });
        Assert.False(home.Headers.Contains("Surrogate-Key"));

        // The link worked once.
        using var other = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync(link, [], "/membership/")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_answers_alike_for_known_and_unknown_addresses_and_links_expire()
    {
        var known = Mailbox.NewAddress();
        (await SignUpAsync(app, known)).Dispose();
        var unknown = Mailbox.NewAddress();
        using var reader = new StaffClient(StaffClient.Anonymous(app));

        var a = await StaffClient.ParseAsync(await reader.PostFormAsync("/members/signin", new() { ["email"] = known }, "/members/signin"));
        var b = await StaffClient.ParseAsync(await reader.PostFormAsync("/members/signin", new() { ["email"] = unknown }, "/members/signin"));
        Assert.Equal(a.QuerySelector("main")!.TextContent.Replace(known, "ADDRESS"), b.QuerySelector("main")!.TextContent.Replace(unknown, "ADDRESS"));

        // Both get a mail: a sign-in link for the member, a sign-up link for the stranger (they asked to be let in).
        Assert.StartsWith("Sign in to", (await Mailbox.WaitForAsync(known, 2)).Subject);
        Assert.StartsWith("Confirm your membership", (await Mailbox.WaitForAsync(unknown)).Subject);

        var link = Mailbox.LinkPath(await Mailbox.WaitForAsync(known, 2), "/members/link/");
        app.Clock.Advance(MemberAccounts.LinkLifetime + TimeSpan.FromMinutes(1));
        var late = await reader.PostFormAsync(link, [], "/members/signin");
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Contains("Ask for a new one", (await StaffClient.ParseAsync(late)).QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task A_filled_honeypot_and_an_address_past_its_hourly_links_get_the_same_answer_and_no_mail()
    {
        var bot = Mailbox.NewAddress("bot");
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var trapped = await StaffClient.ParseAsync(await reader.PostFormAsync("/membership/", new() { ["email"] = bot, ["website"] = "http://spam.example" }, "/membership/"));
        Assert.Equal("Check your inbox", trapped.QuerySelector("h1")!.TextContent);

        var flooded = Mailbox.NewAddress();
        for (var i = 0; i < MemberAccounts.LinksPerAddressPerHour + 2; i++)
        {
            var page = await StaffClient.ParseAsync(await reader.PostFormAsync("/members/signin", new() { ["email"] = flooded }, "/members/signin"));
            Assert.Equal("Check your inbox", page.QuerySelector("h1")!.TextContent);
        }
        await Mailbox.WaitForAsync(flooded, MemberAccounts.LinksPerAddressPerHour);
        await Task.Delay(500, Cancel);
        Assert.Equal(MemberAccounts.LinksPerAddressPerHour, Mailbox.Messages(flooded).Count);
        Assert.Empty(Mailbox.Messages(bot));
    }

    [Fact]
    public async Task A_bad_address_is_refused_with_the_field_named_and_the_form_as_typed()
    {
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var refused = await reader.PostFormAsync("/membership/", new() { ["email"] = "not an address", ["name"] = "Ana <b>Bold</b>" }, "/membership/");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await StaffClient.ParseAsync(refused);
        Assert.Equal("#member-email", page.QuerySelector(".form-errors a")!.GetAttribute("href"));
        Assert.Equal("not an address", page.QuerySelector("#member-email")!.GetAttribute("value"));
        // Text stays text.
        Assert.Equal("Ana <b>Bold</b>", page.QuerySelector("#member-name")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector(".member-form b"));
    }

    [Fact]
    public async Task The_account_page_changes_the_name_and_the_address_exports_the_data_and_deletes_the_account()
    {
        var email = Mailbox.NewAddress();
        using var reader = await SignUpAsync(app, email);
        var daily = await NewsletterAsync("The Daily");

        var saved = await StaffClient.ParseAsync(await reader.PostFormAsync("/account/", new() { ["name"] = "Nell Reader", ["newsletters"] = daily.ToString() }, "/account/"));
        Assert.Equal("Your account is saved.", saved.QuerySelector(".notice")!.TextContent);
        Assert.True(saved.QuerySelector($"input[name=newsletters][value='{daily}']")!.HasAttribute("checked"));

        var data = await reader.GetAsync("/account/data.json");
        using var json = JsonDocument.Parse(await data.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(email, json.RootElement.GetProperty("email").GetString());
        Assert.Equal("Nell Reader", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("The Daily", json.RootElement.GetProperty("newsletters")[0].GetString());

        // A new address is confirmed at the new address; until then nothing changes.
        var moved = Mailbox.NewAddress("moved");
        await reader.PostFormAsync("/account/email", new() { ["email"] = moved }, "/account/");
        Assert.Equal(email, await app.WithDbAsync(db => db.Members.Where(m => m.Email == email).Select(m => m.Email).SingleAsync(Cancel)));
        var link = Mailbox.LinkPath(await Mailbox.WaitForAsync(moved), "/members/link/");
        Assert.Equal(HttpStatusCode.Redirect, (await reader.PostFormAsync(link, [], link)).StatusCode);
        Assert.Contains(moved, (await reader.GetPageAsync("/account/")).QuerySelector(".membership-status")!.TextContent);

        var notConfirmed = await reader.PostFormAsync("/account/delete", [], "/account/");
        Assert.Equal(HttpStatusCode.BadRequest, notConfirmed.StatusCode);
        var deleted = await reader.PostFormAsync("/account/delete", new() { ["confirm"] = "yes" }, "/account/");
        Assert.Equal("Account deleted", (await StaffClient.ParseAsync(deleted)).QuerySelector("h1")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.Members.AnyAsync(m => m.Email == moved, Cancel)));
        Assert.Equal(HttpStatusCode.Redirect, (await reader.GetAsync("/account/")).StatusCode);
    }

    [Fact]
    public async Task The_member_cookie_opens_nothing_in_the_back_office()
    {
        using var reader = await SignUpAsync(app, Mailbox.NewAddress());
        var admin = await reader.GetAsync("/admin/articles");
        Assert.Equal("/admin/login", admin.Headers.Location!.AbsolutePath);
    }
}

/// <summary>The per-client limit, on a site of its own with a low one.</summary>
public sealed class MemberRateLimitTests : IAsyncLifetime
{
    private readonly MastheadApp app = new() { Settings = { ["Masthead:Members:RequestsPerClientPerHour"] = "3" } };

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Past_the_limit_the_form_comes_back_with_what_was_typed_and_a_reason()
    {
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await reader.PostFormAsync("/membership/", new() { ["email"] = Mailbox.NewAddress() }, "/membership/")).StatusCode);
        var typed = Mailbox.NewAddress("late");
        var limited = await reader.PostFormAsync("/membership/", new() { ["email"] = typed, ["name"] = "Late Larry" }, "/membership/");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var page = await StaffClient.ParseAsync(limited);
        Assert.Contains("Too many requests", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal(typed, page.QuerySelector("#member-email")!.GetAttribute("value"));
        Assert.Equal("Late Larry", page.QuerySelector("#member-name")!.GetAttribute("value"));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(Mailbox.Messages(typed));
    }
}

/// <summary>A site without a mail server cannot send links: the form says so and keeps what was typed.</summary>
public sealed class MembersWithoutMailTests : IAsyncLifetime
{
    private readonly MastheadApp app = new() { Settings = { ["Masthead:Mail:Host"] = "" } };

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Sign_up_is_refused_with_the_reason_and_the_form_kept()
    {
        using var reader = new StaffClient(StaffClient.Anonymous(app));
        var refused = await reader.PostFormAsync("/membership/", new() { ["email"] = "someone@example.org" }, "/membership/");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var page = await StaffClient.ParseAsync(refused);
        Assert.Contains("cannot send mail", page.QuerySelector(".form-errors")!.TextContent);
        Assert.Equal("someone@example.org", page.QuerySelector("#member-email")!.GetAttribute("value"));
    }
}
