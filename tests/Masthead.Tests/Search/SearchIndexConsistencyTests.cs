using System.Net;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Masthead.Tests.Search.SearchCorpus;

namespace Masthead.Tests.Search;

/// <summary>The index follows every change made through the back office, and a rolled-back change leaves it as it was.</summary>
public class SearchIndexConsistencyTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private StaffClient editor = null!;
    private HttpClient reader = null!;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        reader = app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        editor.Dispose();
        await app.DisposeAsync();
    }

    private async Task<List<string>> FoundAsync(string words) => Headlines(await SearchAsync(reader, Q(words)));

    [Fact]
    public async Task Publish_edit_unpublish_and_delete_reach_the_index_at_once()
    {
        var id = await BackOffice.SaveNewAsync(editor, "Pelican census", "Counting pelicans on the estuary.");
        Assert.Empty(await FoundAsync("pelican"));

        await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Pelican census", ["Form.BodyMarkdown"] = "Counting pelicans on the estuary." });
        Assert.Equal(["Pelican census"], await FoundAsync("pelicans"));

        var edited = await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Cormorant census", ["Form.BodyMarkdown"] = "Counting cormorants on the lagoon." });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Empty(await FoundAsync("pelican"));
        Assert.Empty(await FoundAsync("estuary"));
        Assert.Equal(["Cormorant census"], await FoundAsync("lagoon cormorant"));

        await BackOffice.PostArticleAsync(editor, id, "Unpublish", new() { ["Form.Headline"] = "Cormorant census", ["Form.BodyMarkdown"] = "Counting cormorants on the lagoon." });
        Assert.Empty(await FoundAsync("cormorant"));

        await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Cormorant census", ["Form.BodyMarkdown"] = "Counting cormorants on the lagoon." });
        Assert.Equal(["Cormorant census"], await FoundAsync("cormorant"));

        var deleted = await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Delete", new() { ["confirm"] = "true" }, $"/admin/articles/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await FoundAsync("cormorant"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Articles.CountAsync()));
        Assert.Equal(0, await IndexedRowsAsync());
    }

    [Fact]
    public async Task A_change_rolled_back_leaves_the_index_as_it_was()
    {
        var id = await BackOffice.SaveNewAsync(editor, "Heron colony grows", "Herons nest in the reeds.", "Publish");
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var article = await db.Articles.SingleAsync(a => a.Id == id);
            article.Headline = "Egret colony shrinks";
            article.BodyText = "Egrets leave the marsh.";
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        Assert.Equal(["Heron colony grows"], await FoundAsync("heron"));
        Assert.Empty(await FoundAsync("egret"));
    }

    [Fact]
    public async Task Deleting_needs_the_box_ticked_and_the_right_to_publish()
    {
        var id = await BackOffice.SaveNewAsync(editor, "Kingfisher sighting", "A kingfisher by the mill.", "Publish");
        var unconfirmed = await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Delete", [], $"/admin/articles/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Equal(["Kingfisher sighting"], await FoundAsync("kingfisher"));

        using var contributor = await StaffClient.AsAsync(app, StaffRole.Contributor);
        var refused = await contributor.PostFormAsync($"/admin/articles/edit/{id}?handler=Delete", new() { ["confirm"] = "true" }, "/admin/articles/edit");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(["Kingfisher sighting"], await FoundAsync("kingfisher"));
    }

    [Fact]
    public async Task Search_rebuild_builds_the_same_index_again()
    {
        await BackOffice.SaveNewAsync(editor, "Osprey returns", "The osprey nests on the pylon.", "Publish");
        await BackOffice.SaveNewAsync(editor, "Pylon repairs", "Workers climb the pylon at dawn.", "Publish");
        var pylon = await FoundAsync("pylon");
        Assert.Equal(2, pylon.Count);

        var (exit, lines) = await app.RunCliAsync("search", "rebuild");
        Assert.Equal(0, exit);
        Assert.Matches(@"^Search index rebuilt over 2 articles in \d+\.\d\d s$", Assert.Single(lines));
        Assert.Equal(pylon, await FoundAsync("pylon"));
        Assert.Equal(["Osprey returns"], await FoundAsync("osprey"));
        Assert.Equal(2, await IndexedRowsAsync());
    }

    /// <summary>Rows in the engine's own index: FTS5's shadow table, or PostgreSQL rows carrying a search vector.</summary>
    private Task<int> IndexedRowsAsync() => app.WithDbAsync(db => TestDatabase.IsPostgres
        ? db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "Articles" WHERE "SearchVector" IS NOT NULL""").SingleAsync()
        : db.Database.SqlQueryRaw<int>("""SELECT count(*) AS "Value" FROM "ArticleSearch_docsize" """).SingleAsync());
}
