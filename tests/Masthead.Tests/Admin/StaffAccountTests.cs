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
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var member = await StaffClient.CreateAsync(app, StaffRole.Author);
        using var client = new StaffClient(StaffClient.Anonymous(app));
        for (var i = 0; i < StaffAccounts.FailuresBeforeLockout; i++)
        {
            var wrong = await client.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = "wrong password " + i }, "/admin/login");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var locked = await client.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = StaffClient.Password }, "/admin/login");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var page = await StaffClient.ParseAsync(locked);
        Assert.Contains("locked", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal(member.Email, page.QuerySelector("input[name=Email]")!.GetAttribute("value"));

        app.Clock.Advance(StaffAccounts.LockoutDuration + TimeSpan.FromSeconds(1));
        var afterLockout = await client.PostFormAsync("/admin/login", new() { ["Email"] = member.Email, ["Password"] = StaffClient.Password }, "/admin/login");
        Assert.Equal(HttpStatusCode.Redirect, afterLockout.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/logout", [])).StatusCode);
        Assert.Equal("/admin/login", (await client.GetAsync("/admin/articles")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task An_invited_member_chooses_a_password_and_gets_the_role_given()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var invited = await owner.PostFormAsync("/admin/staff?handler=Invite",
            new() { ["Name"] = "Jo Contributor", ["Email"] = "jo@example.org", ["Role"] = "Contributor" });
        var link = (await StaffClient.ParseAsync(invited)).QuerySelector("code.invitation-link")!.TextContent;
        var path = new Uri(link).AbsolutePath;

        using var jo = new StaffClient(StaffClient.Anonymous(app));
        // No password was set: nobody can log in as the invited member before they accept.
        var early = await jo.PostFormAsync("/admin/login", new() { ["Email"] = "jo@example.org", ["Password"] = "" }, "/admin/login");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await jo.PostFormAsync(path, new() { ["Password"] = StaffClient.Password }, path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jo.GetAsync("/admin/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jo.GetAsync("/admin/media")).StatusCode);
        // The link works once.
        Assert.Equal(HttpStatusCode.NotFound, (await jo.GetAsync(path)).StatusCode);
    }
}
