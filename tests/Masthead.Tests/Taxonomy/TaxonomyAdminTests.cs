using System.Net;
using Masthead.Staff;
using Masthead.Taxonomy;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Taxonomy;

public sealed class TaxonomyAdminTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Renaming_a_term_and_then_its_vocabulary_keeps_every_old_address_redirecting_in_one_hop()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync("/admin/taxonomy", new() { ["Name"] = "Region" })).StatusCode);
        var region = await app.WithDbAsync(db => db.Vocabularies.SingleAsync(Cancel));
        await editor.PostFormAsync($"/admin/taxonomy/vocabulary/{region.Id}?handler=AddTerm", new() { ["name"] = "Asia" });
        var asia = await app.WithDbAsync(db => db.Terms.SingleAsync(Cancel));
        await BackOffice.SaveNewAsync(editor, "An Asian story", "Text.", "Publish", new() { ["Form.TermIds"] = asia.Id.ToString() });

        using var reader = StaffClient.Anonymous(app);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/region/asia/", Cancel)).StatusCode);

        var page = $"/admin/taxonomy/vocabulary/{region.Id}";
        await editor.PostFormAsync(page + "?handler=RenameTerm", new()
        {
            ["termId"] = asia.Id.ToString(), ["name"] = "Asia-Pacific", ["version"] = await editor.HiddenValueAsync(page, $"tr[data-term=asia] input[name=version]"),
        });
        await editor.PostFormAsync(page + "?handler=Rename", new()
        {
            ["name"] = "Regions", ["slug"] = "regions", ["position"] = "0", ["version"] = await editor.HiddenValueAsync(page, "form[action*=Rename]:not([action*=RenameTerm]) input[name=version]"),
        });

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/regions/asia-pacific/", Cancel)).StatusCode);
        foreach (var old in new[] { "/region/asia/", "/region/asia-pacific/" })
        {
            var moved = await reader.GetAsync(old + "?page=1", Cancel);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal("/regions/asia-pacific/?page=1", moved.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/region/europe/", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_reserved_or_taken_vocabulary_name_is_refused_with_the_reason()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var refused = await editor.PostFormAsync("/admin/taxonomy", new() { ["Name"] = "Admin" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await StaffClient.ParseAsync(refused);
        Assert.Contains("the site uses /admin/ itself", page.QuerySelector("[data-valmsg-for=Name]")!.TextContent);
        Assert.Equal("Admin", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Deleting_a_term_removes_it_from_articles_keeps_the_articles_and_is_a_publication_event()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        await editor.PostFormAsync("/admin/taxonomy", new() { ["Name"] = "Theme" });
        var theme = await app.WithDbAsync(db => db.Vocabularies.SingleAsync(Cancel));
        await editor.PostFormAsync($"/admin/taxonomy/vocabulary/{theme.Id}?handler=AddTerm", new() { ["name"] = "Media" });
        var media = await app.WithDbAsync(db => db.Terms.SingleAsync(Cancel));
        var id = await BackOffice.SaveNewAsync(editor, "Tagged", "Text.", "Save", new() { ["Form.TermIds"] = media.Id.ToString() });

        await editor.PostFormAsync($"/admin/taxonomy/vocabulary/{theme.Id}?handler=DeleteTerm", new() { ["termId"] = media.Id.ToString() });
        Assert.Empty((await BackOffice.ArticleAsync(app, id)).Terms);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Term>().CountAsync(Cancel)));
        // A set-based delete still announces itself: the term's pages are purged, once per consumer.
        var deleted = await app.WithDbAsync(db => db.PublicationEvents.Include(e => e.Deliveries).SingleAsync(e => e.Subject == "term", Cancel));
        Assert.Contains($"term-{media.Id}", deleted.KeyList);
        var consumers = await app.WithScopeAsync(s => Task.FromResult(s.GetServices<Masthead.Events.IPublicationConsumer>().Select(c => c.Name).Order().ToList()));
        Assert.Contains("cdn-purge", consumers);
        Assert.Equal(consumers, deleted.Deliveries.Select(d => d.Consumer).Order());
    }

    [Fact]
    public async Task Renaming_a_person_redirects_their_old_archive()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        var person = await BackOffice.PersonAsync(app, "Tony Cartalucci");
        await BackOffice.SaveNewAsync(editor, "By Tony", "Text.", "Publish", new() { ["Form.Bylines[0]"] = person.Id.ToString() });
        var form = $"/admin/people/edit/{person.Id}";
        await editor.PostFormAsync(form, new()
        {
            ["Form.Name"] = "Tony Cartalucci", ["Form.Slug"] = "tony", ["Form.Bio"] = "Writes *often*.", ["Form.Photo"] = "/media/photo.png",
            ["Form.Version"] = await editor.HiddenValueAsync(form, "input[name='Form.Version']"),
        });

        using var reader = StaffClient.Anonymous(app);
        var moved = await reader.GetAsync("/author/tony-cartalucci/", Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/author/tony/", moved.Headers.Location!.OriginalString);
        var saved = await app.WithDbAsync(db => db.People.SingleAsync(Cancel));
        Assert.Equal("<p>Writes <em>often</em>.</p>", saved.BioHtml!.Trim());
        var archive = await StaffClient.ParseAsync(await reader.GetAsync("/author/tony/", Cancel));
        Assert.Equal("/media/photo.png", archive.QuerySelector("img.author-photo")!.GetAttribute("src"));
        Assert.Equal("often", archive.QuerySelector(".bio em")!.TextContent);
    }
}
