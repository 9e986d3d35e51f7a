using System.Net;
using Masthead.Articles;
using Masthead.Staff;
using Masthead.Taxonomy;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Security;

/// <summary>The audit's rights findings: terms belong to editors, and an Author publishes under their own byline only.</summary>
public sealed class RightsTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(Vocabulary Theme, Term Existing)> ThemeAsync()
    {
        var theme = new Vocabulary { Name = "Theme", Slug = "theme" };
        var existing = new Term { Name = "Media Disinformation", Slug = "media-disinformation", Vocabulary = theme };
        await app.WithDbAsync(async db => { db.AddRange(theme, existing); await db.SaveChangesAsync(Cancel); });
        return (theme, existing);
    }

    [Theory]
    [InlineData(StaffRole.Contributor)]
    [InlineData(StaffRole.Author)]
    public async Task Below_editor_a_typed_new_term_is_refused_and_kept_in_the_form(StaffRole role)
    {
        var (theme, _) = await ThemeAsync();
        using var writer = await StaffClient.AsAsync(app, role);

        var refused = await BackOffice.PostArticleAsync(writer, null, "Save", new()
        {
            ["Form.Headline"] = "Sneaky terms", ["Form.BodyMarkdown"] = "Body.", [$"Form.NewTerms[{theme.Id}]"] = "Buy Pills Online",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await StaffClient.ParseAsync(refused);
        Assert.Contains("terms are added by editors", form.QuerySelector("[data-valmsg-for='Form.NewTerms']")!.TextContent);
        Assert.Equal("Buy Pills Online", form.QuerySelector($"#new-terms-{theme.Id}")!.GetAttribute("value"));
        Assert.Equal((0, 1), (await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)), await app.WithDbAsync(db => db.Terms.CountAsync(Cancel))));
    }

    [Fact]
    public async Task An_author_who_types_an_existing_terms_name_gets_that_term()
    {
        var (theme, existing) = await ThemeAsync();
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        var id = await BackOffice.SaveNewAsync(author, "Known term", "Body.", "Save", new() { [$"Form.NewTerms[{theme.Id}]"] = "media disinformation" });
        Assert.Equal([existing.Id], (await BackOffice.ArticleAsync(app, id)).Terms.Select(t => t.TermId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Terms.CountAsync(Cancel)));
    }

    [Fact]
    public async Task An_author_publishes_under_their_own_byline_and_not_under_the_owners()
    {
        var owner = await BackOffice.PersonAsync(app, "Olive Owner");
        var own = await BackOffice.PersonAsync(app, "Arthur Author");
        using var author = await StaffClient.AsAsync(app, StaffRole.Author, own.Id);

        var refused = await BackOffice.PostArticleAsync(author, null, "Publish", new()
        {
            ["Form.Headline"] = "In the owner's name", ["Form.BodyMarkdown"] = "Body.", ["Form.Bylines[0]"] = owner.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("published by an editor", (await StaffClient.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Form.Bylines']")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync(Cancel)));

        // As a draft it may carry the owner's byline (a co-written piece), and still not go live from the author's hands.
        var draft = await BackOffice.SaveNewAsync(author, "Co-written", "Body.", "Save",
            new() { ["Form.Bylines[0]"] = own.Id.ToString(), ["Form.Bylines[1]"] = owner.Id.ToString() });
        var publish = await BackOffice.PostArticleAsync(author, draft, "Publish", new()
        {
            ["Form.Headline"] = "Co-written", ["Form.BodyMarkdown"] = "Body.", ["Form.Bylines[0]"] = own.Id.ToString(), ["Form.Bylines[1]"] = owner.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await BackOffice.ArticleAsync(app, draft)).Status);

        var mine = await BackOffice.SaveNewAsync(author, "My own", "Body.", "Publish", new() { ["Form.Bylines[0]"] = own.Id.ToString() });
        Assert.Equal(ArticleStatus.Published, (await BackOffice.ArticleAsync(app, mine)).Status);
        // Published, it cannot be given someone else's byline by its author either.
        var changed = await BackOffice.PostArticleAsync(author, mine, "Save", new()
        {
            ["Form.Headline"] = "My own", ["Form.BodyMarkdown"] = "Body.", ["Form.Bylines[0]"] = owner.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal([own.Id], (await BackOffice.ArticleAsync(app, mine)).Bylines.Select(b => b.PersonId));
    }
}
