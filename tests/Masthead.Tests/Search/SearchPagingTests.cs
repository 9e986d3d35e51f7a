using Microsoft.EntityFrameworkCore;
using Masthead.Tests.Infrastructure;
using static Masthead.Tests.Search.SearchCorpus;

namespace Masthead.Tests.Search;

public class SearchPagingTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await ImportAsync(app);
        client = app.CreateClient();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task Results_come_in_pages_with_links_that_keep_the_filters()
    {
        await app.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.SingleAsync();
            (settings.Name, settings.PageSize) = ("Test", 1);
            await db.SaveChangesAsync();
        });
        var first = await SearchAsync(client, Q("missile") + "&term=region/europe&from=2024-01-01");
        Assert.Equal(1, first.GetProperty("total").GetInt32());
        var all = await SearchAsync(client, Q("war trade"));
        Assert.Equal(2, all.GetProperty("pages").GetInt32());
        Assert.Equal("/search?q=war%20trade&page=2", all.GetProperty("older_url").GetString());
        var second = await SearchAsync(client, Q("war trade") + "&page=2");
        Assert.Single(Headlines(second));
        Assert.NotEqual(Headlines(all), Headlines(second));
        Assert.Equal("/search?q=war%20trade", second.GetProperty("newer_url").GetString());
    }
}
