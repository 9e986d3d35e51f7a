using System.Net;
using Microsoft.EntityFrameworkCore;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Admin;

/// <summary>
/// Every role against every kind of back-office request: what it may do succeeds, everything else is 403.
/// The matrix is the specification: Owner/Administrator everything; Editor content of anyone, terms and people;
/// Author own articles including publishing, and media; Contributor own drafts and review only.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private const StaffRole O = StaffRole.Owner, A = StaffRole.Administrator, E = StaffRole.Editor, Au = StaffRole.Author, C = StaffRole.Contributor;

    private sealed record Case(string Name, StaffRole[] Allowed, HttpStatusCode Success, Func<StaffClient, Task<HttpResponseMessage>> Act);

    private int othersArticle;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        othersArticle = await BackOffice.PublishedByOtherAsync(app, await BackOffice.PersonAsync(app, "Other Writer"));
    }

    private IEnumerable<Case> Cases()
    {
        StaffRole[] all = [O, A, E, Au, C], site = [O, A], content = [O, A, E], publish = [O, A, E, Au];
        yield return new("list articles", all, HttpStatusCode.OK, c => c.GetAsync("/admin/articles"));
        yield return new("open a new article", all, HttpStatusCode.OK, c => c.GetAsync("/admin/articles/edit"));
        yield return new("save a draft", all, HttpStatusCode.Redirect, c => BackOffice.PostArticleAsync(c, null, "Save", Fields("Draft")));
        yield return new("submit for review", all, HttpStatusCode.Redirect, c => BackOffice.PostArticleAsync(c, null, "Submit", Fields("For review")));
        yield return new("publish a new article", publish, HttpStatusCode.Redirect, c => BackOffice.PostArticleAsync(c, null, "Publish", Fields("Now")));
        yield return new("publish own draft", publish, HttpStatusCode.Redirect, async c =>
        {
            var id = await BackOffice.SaveNewAsync(c, "Own draft " + Guid.NewGuid().ToString("N")[..6]);
            return await BackOffice.PostArticleAsync(c, id, "Publish", Fields("Own draft, published"));
        });
        yield return new("schedule a new article", publish, HttpStatusCode.Redirect, c => BackOffice.PostArticleAsync(c, null, "Schedule",
            new(Fields("Later")) { ["Form.PublishAt"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm") }));
        yield return new("open someone else's article", content, HttpStatusCode.OK, c => c.GetAsync($"/admin/articles/edit/{othersArticle}"));
        yield return new("edit someone else's article", content, HttpStatusCode.Redirect,
            c => BackOffice.PostArticleAsync(c, othersArticle, "Save", Fields("Someone else's story, edited")));
        yield return new("see someone else's revisions", content, HttpStatusCode.OK, c => c.GetAsync($"/admin/articles/revisions/{othersArticle}"));
        yield return new("preview someone else's article", content, HttpStatusCode.OK, c => c.GetAsync($"/admin/articles/preview/{othersArticle}"));
        yield return new("correct someone else's article", content, HttpStatusCode.OK, c => c.PostFormAsync(
            $"/admin/articles/edit/{othersArticle}?handler=Note", new() { ["kind"] = "Correction", ["noteText"] = "A name was misspelled." }));
        yield return new("media library", publish, HttpStatusCode.OK, c => c.GetAsync("/admin/media"));
        yield return new("taxonomies", content, HttpStatusCode.OK, c => c.GetAsync("/admin/taxonomy"));
        yield return new("add a vocabulary", content, HttpStatusCode.Redirect, c => c.PostFormAsync("/admin/taxonomy",
            new() { ["Name"] = "Vocabulary " + Guid.NewGuid().ToString("N")[..6] }));
        yield return new("people", content, HttpStatusCode.OK, c => c.GetAsync("/admin/people"));
        yield return new("add a person", content, HttpStatusCode.Redirect, c => c.PostFormAsync("/admin/people/edit",
            new() { ["Name"] = "Person " + Guid.NewGuid().ToString("N")[..6] }));
        yield return new("site settings", site, HttpStatusCode.OK, c => c.GetAsync("/admin/settings"));
        yield return new("change site settings", site, HttpStatusCode.Redirect, async c => await c.PostFormAsync("/admin/settings",
            new() { ["Form.Name"] = "The Daily Test", ["Form.TimeZone"] = "UTC", ["Form.PageSize"] = "10", ["Form.MaxUploadMegabytes"] = "20",
                ["Form.Version"] = (await app.WithDbAsync(db => db.SiteSettings.Select(s => s.Version).SingleAsync(TestContext.Current.CancellationToken))).ToString() }));
        yield return new("staff", site, HttpStatusCode.OK, c => c.GetAsync("/admin/staff"));
        // Mailed, then back to the staff list (the link is shown on the page only without a mail server).
        yield return new("invite staff", site, HttpStatusCode.Redirect, c => c.PostFormAsync("/admin/staff?handler=Invite",
            new() { ["Name"] = "New Hire", ["Email"] = $"hire-{Guid.NewGuid():N}@example.org", ["Role"] = "Author" }));
    }

    private static Dictionary<string, string> Fields(string headline) => new()
    {
        ["Form.Headline"] = headline + " " + Guid.NewGuid().ToString("N")[..6], ["Form.BodyMarkdown"] = "Plain text, no links.",
    };

    [Theory]
    [InlineData(StaffRole.Owner)]
    [InlineData(StaffRole.Administrator)]
    [InlineData(StaffRole.Editor)]
    [InlineData(StaffRole.Author)]
    [InlineData(StaffRole.Contributor)]
    public async Task Each_role_may_do_exactly_what_it_should(StaffRole role)
    {
        using var client = await StaffClient.AsAsync(app, role);
        var wrong = new List<string>();
        foreach (var test in Cases())
        {
            var expected = test.Allowed.Contains(role) ? test.Success : HttpStatusCode.Forbidden;
            var actual = (await test.Act(client)).StatusCode;
            if (actual != expected) wrong.Add($"{role} / {test.Name}: expected {(int)expected}, got {(int)actual}");
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("/admin/articles")]
    [InlineData("/admin/articles/edit")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/media")]
    public async Task Anyone_not_logged_in_is_sent_to_the_login_page(string path)
    {
        using var anonymous = StaffClient.Anonymous(app);
        var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Anyone_not_logged_in_cannot_preview_an_unpublished_article()
    {
        using var anonymous = StaffClient.Anonymous(app);
        var response = await anonymous.GetAsync($"/admin/articles/preview/{othersArticle}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var response = await owner.PostRawAsync("/admin/settings", new Dictionary<string, string> { ["Form.Name"] = "Hijacked", ["Form.TimeZone"] = "UTC" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var name = await app.WithDbAsync(db => Task.FromResult(db.SiteSettings.Select(s => s.Name).FirstOrDefault()));
        Assert.NotEqual("Hijacked", name);
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_the_next_request()
    {
        var member = await StaffClient.CreateAsync(app, StaffRole.Administrator);
        using var client = await StaffClient.LogInAsync(app, member);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/settings")).StatusCode);

        using var owner = await StaffClient.AsAsync(app, StaffRole.Owner);
        var demoted = await owner.PostFormAsync("/admin/staff?handler=Update", new() { ["staffId"] = member.Id.ToString(), ["role"] = "Contributor" });
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);

        var after = await client.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode); // signed out: the cookie's role is stale
        Assert.Equal("/admin/login", after.Headers.Location!.AbsolutePath);
    }
}
