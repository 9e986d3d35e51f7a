using System.Net;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Admin;

public sealed class StaffAccountTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Setup_creates_the_owner_once_and_then_is_gone()
    {
        using var first = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal("/admin/setup", (await first.GetAsync("/admin/login")).Headers.Location!.OriginalString);

        // A short password is refused, and what was typed stays in the form.
        var refused = await first.PostFormAsync("/admin/setup",
            new() { ["Name"] = "Ada Owner", ["Email"] = "ada@example.org", ["Password"] = "short" }, "/admin/setup");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await StaffClient.ParseAsync(refused);
        Assert.Equal("Ada Owner", form.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        Assert.Equal("ada@example.org", form.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        Assert.Contains("at least 10", form.QuerySelector("[data-valmsg-for=Password]")!.TextContent);

        var created = await first.PostFormAsync("/admin/setup",
            new() { ["Name"] = "Ada Owner", ["Email"] = "Ada@Example.org", ["Password"] = StaffClient.Password }, "/admin/setup");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/admin/staff")).StatusCode);

        var owner = await app.WithDbAsync(db => db.Staff.SingleAsync(Cancel));
        Assert.Equal(StaffRole.Owner, owner.Role);
        Assert.Equal("ada@example.org", owner.Email);
        Assert.DoesNotContain(StaffClient.Password, owner.PasswordHash);

        using var second = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync("/admin/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/admin/login")).StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_make_that_client_wait_with_backoff_and_never_lock_out_the_real_person()
    {
        var member = await StaffClient.CreateAsync(app, StaffRole.Owner);
        using var attacker = new StaffClient(StaffClient.Anonymous(app));
        Task<HttpResponseMessage> TryAsync(StaffClient client, string password, string address) =>
            client.PostRawFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = password }, address);
        for (var i = 0; i < LoginThrottle.FreeTriesPerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(attacker, "wrong password " + i, "203.0.113.7")).StatusCode);

        // The guesser waits, even with the right password, and is told how long, with the address kept in the form.
        var waiting = await TryAsync(attacker, StaffClient.Password, "203.0.113.7");
        var page = await StaffClient.ParseAsync(waiting);
        Assert.Equal(("Too many failed attempts from here: try again in 1 minute.", "30"),
            (page.QuerySelector(".errors li")!.TextContent.Trim(), waiting.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString()));
        Assert.Equal(member.Email, page.QuerySelector("input[name=Email]")!.GetAttribute("value"));

        // The owner, from their own browser, gets in meanwhile.
        using var owner = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(owner, StaffClient.Password, "198.51.100.2")).StatusCode);

        // Backoff: after 30 s the guesser may try once more; one more failure and the wait doubles.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Contains("do not match", (await StaffClient.ParseAsync(await TryAsync(attacker, "wrong again", "203.0.113.7"))).QuerySelector(".errors")!.TextContent);
        Assert.Equal(60, (await TryAsync(attacker, StaffClient.Password, "203.0.113.7")).Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(attacker, StaffClient.Password, "203.0.113.7")).StatusCode);
    }

    [Fact]
    public async Task Guessing_at_unknown_addresses_is_throttled_too_with_the_same_answers()
    {
        await StaffClient.CreateAsync(app, StaffRole.Owner);
        using var guesser = new StaffClient(StaffClient.Anonymous(app));
        var answers = new List<string>();
        for (var i = 0; i <= LoginThrottle.FreeTriesPerClient; i++)
        {
            var response = await guesser.PostRawFormAsync("/admin/login", new() { ["Email"] = $"nobody{i}@example.org", ["Password"] = "guess" }, "203.0.113.9");
            answers.Add((await StaffClient.ParseAsync(response)).QuerySelector(".errors li")!.TextContent.Trim());
        }
        Assert.Equal(Enumerable.Repeat("That email and password do not match an account.", LoginThrottle.FreeTriesPerClient), answers[..^1]);
        Assert.StartsWith("Too many failed attempts from here", answers[^1]);
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server_so_a_copy_of_the_cookie_is_refused()
    {
        var member = await StaffClient.CreateAsync(app, StaffRole.Owner);
        using var client = new StaffClient(StaffClient.Anonymous(app));
        var login = await client.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = StaffClient.Password }, "/admin/login");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(StaffAuthentication.CookieName + "=", StringComparison.Ordinal))
            .Split(';')[0][(StaffAuthentication.CookieName.Length + 1)..];
        using var elsewhere = await StaffClient.LogInAsync(app, member); // another browser of theirs
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/settings")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/logout", [])).StatusCode);
        Assert.Equal("/admin/login", (await client.GetAsync("/admin/articles")).Headers.Location!.AbsolutePath);

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/admin/settings");
        replay.Headers.Add("Cookie", $"{StaffAuthentication.CookieName}={cookie}");
        using var stolen = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal("/admin/login", (await stolen.SendAsync(replay, TestContext.Current.CancellationToken)).Headers.Location!.AbsolutePath);
        // Only that session ended: the other browser is still signed in.
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/admin/settings")).StatusCode);
    }


    [Fact]
    public async Task An_invited_member_chooses_a_password_and_gets_the_role_given()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var address = Mailbox.NewAddress("jo");
        var invited = await owner.PostFormAsync("/admin/staff?handler=Invite",
            new() { ["Name"] = "Jo Contributor", ["Email"] = address, ["Role"] = "Contributor" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        // The link goes by mail, through the real SMTP server; the back office no longer shows it.
        var mail = await Mailbox.WaitForAsync(address);
        Assert.Equal(address, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("news@gazette.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Null((await owner.GetPageAsync("/admin/staff")).QuerySelector("code.invitation-link"));
        var path = Mailbox.LinkPath(mail, "/admin/invite/");

        using var jo = new StaffClient(StaffClient.Anonymous(app));
        // No password was set: nobody can log in as the invited member before they accept.
        var early = await jo.PostFormAsync("/admin/login", new() { ["Email"] = address, ["Password"] = "" }, "/admin/login");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await jo.PostFormAsync(path, new() { ["Password"] = StaffClient.Password }, path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jo.GetAsync("/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jo.GetAsync("/admin/media")).StatusCode);
        // The link works once.
        Assert.Equal(HttpStatusCode.NotFound, (await jo.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_lost_invitation_is_sent_again_with_a_new_link_and_the_old_one_stops_working()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var address = Mailbox.NewAddress("kim");
        await owner.PostFormAsync("/admin/staff?handler=Invite", new() { ["Name"] = "Kim", ["Email"] = address, ["Role"] = "Author" });
        var first = Mailbox.LinkPath(await Mailbox.WaitForAsync(address), "/admin/invite/");
        var id = await app.WithDbAsync(db => db.Staff.Where(s => s.Email == address).Select(s => s.Id).SingleAsync(Cancel));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync("/admin/staff?handler=Resend", new() { ["staffId"] = id.ToString() })).StatusCode);
        var second = Mailbox.LinkPath(await Mailbox.WaitForAsync(address, 2), "/admin/invite/");
        Assert.NotEqual(first, second);
        using var kim = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.NotFound, (await kim.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kim.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_goes_by_mail_and_the_answer_is_the_same_for_unknown_addresses()
    {
        var member = await StaffClient.CreateAsync(app, StaffRole.Editor, email: Mailbox.NewAddress("editor"));
        var stranger = Mailbox.NewAddress("nobody");
        using var client = new StaffClient(StaffClient.Anonymous(app));
        var known = await StaffClient.ParseAsync(await client.PostFormAsync("/admin/forgot", new() { ["Email"] = member.Email }, "/admin/forgot"));
        var unknown = await StaffClient.ParseAsync(await client.PostFormAsync("/admin/forgot", new() { ["Email"] = stranger }, "/admin/forgot"));
        Assert.Equal(known.QuerySelector(".flash")!.TextContent.Replace(member.Email, "ADDRESS"), unknown.QuerySelector(".flash")!.TextContent.Replace(stranger, "ADDRESS"));

        var path = Mailbox.LinkPath(await Mailbox.WaitForAsync(member.Email), "/admin/reset/");
        Assert.Empty(Mailbox.Messages(stranger));
        // A common password is refused with its reason, and the link still works after the refusal.
        var weak = await StaffClient.ParseAsync(await client.PostFormAsync(path, new() { ["Password"] = "password12" }, path));
        Assert.Contains("common", weak.QuerySelector(".error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(path, new() { ["Password"] = "a new and better secret" }, path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);

        using var again = new StaffClient(StaffClient.Anonymous(app));
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = "a new and better secret" }, "/admin/login")).StatusCode);
    }
}
