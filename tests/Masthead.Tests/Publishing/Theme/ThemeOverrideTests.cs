using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Publishing.Theme;

public class ThemeOverrideTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private const string ArticleUrl = "/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/";

    public async ValueTask InitializeAsync()
    {
        // The site's theme folder overrides one template; every other file still comes from the default theme.
        await File.WriteAllTextAsync(Path.Combine(app.ThemeFolder, "article.liquid"),
            "<article class=\"custom\"><h1 class=\"custom-headline\">{{ article.headline | upcase }}</h1>{{ article.body_html | raw }}</article>");
        await app.InitializeAsync();
        await app.ImportPageAsync(Pages.Reference);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_template_in_the_site_theme_folder_replaces_the_default_one()
    {
        var (status, page) = await Html.GetAsync(app.CreateClient(), ArticleUrl);
        Assert.Equal(200, status);
        Assert.Equal("US WAR OF TERROR CONTINUES: ASSASSINATING IRAN'S TOP ANTI-ISIS GENERAL", page.QuerySelector("article.custom h1.custom-headline")!.Text());
        Assert.Null(page.QuerySelector("address.byline"));
        Assert.Equal("Global Research", page.QuerySelector("header .site-name")!.Text()); // default layout still applies
    }

    [Fact]
    public async Task A_changed_template_is_picked_up_while_the_site_runs()
    {
        var client = app.CreateClient();
        var (_, before) = await Html.GetAsync(client, "/");
        Assert.NotNull(before.QuerySelector("main article.card"));

        await File.WriteAllTextAsync(Path.Combine(app.ThemeFolder, "home.liquid"), "<p class=\"changed\">{{ articles.size }} articles</p>", TestContext.Current.CancellationToken);
        string? seen = null;
        for (var attempt = 0; attempt < 40 && seen is null; attempt++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            var (_, after) = await Html.GetAsync(client, "/");
            seen = after.QuerySelector("main p.changed")?.Text();
        }
        Assert.Equal("1 articles", seen);
    }
}
