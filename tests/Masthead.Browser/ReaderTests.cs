using System.Text.Json;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>A reader on the reference article in Chromium: the share tools that need JavaScript, under the site's CSP.</summary>
public sealed class ReaderTests : BrowserApp
{
    private const string Article = "/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/";
    private readonly List<string> cspViolations = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage));
    }

    private async Task<IPage> OpenAsync(string path = Article, string? initScript = null)
    {
        var page = await NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy")) cspViolations.Add(message.Text);
        };
        if (initScript is not null) await page.AddInitScriptAsync(initScript);
        await page.GotoAsync(path);
        return page;
    }

    private string ArticleUrl => BaseUrl + Article;

    private Task<string> HeadlineAsync() => WithDbAsync(db => db.Articles.Select(a => a.Headline).SingleAsync());

    [Fact]
    public async Task Copy_link_puts_the_article_address_on_the_clipboard()
    {
        var page = await OpenAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = BaseUrl });
        var copy = page.GetByRole(AriaRole.Button, new() { Name = "Copy link" });
        await copy.ClickAsync();
        await Assertions.Expect(page.Locator(".copy-status")).ToHaveTextAsync("Link copied.");
        Assert.Equal(ArticleUrl, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task The_share_button_appears_only_where_the_Web_Share_API_exists_and_passes_title_and_address()
    {
        var without = await OpenAsync(initScript: "delete Navigator.prototype.share;");
        await Assertions.Expect(without.Locator(".share-native")).ToBeHiddenAsync();
        Assert.Equal(8, await without.Locator(".share a").CountAsync()); // the server-built links are there either way

        var with = await OpenAsync(initScript: "Navigator.prototype.share = function (data) { window.shared = data; return Promise.resolve(); };");
        await with.GetByRole(AriaRole.Button, new() { Name = "Share…" }).ClickAsync();
        var shared = await with.EvaluateAsync<JsonElement>("() => window.shared");
        Assert.Equal(await HeadlineAsync(), shared.GetProperty("title").GetString());
        Assert.Equal(ArticleUrl, shared.GetProperty("url").GetString());
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task Mastodon_asks_for_the_instance_once_and_opens_its_share_page()
    {
        var page = await OpenAsync();
        await page.Context.RouteAsync("https://social.example/**", route => route.FulfillAsync(new() { Body = "ok" }));
        var prompts = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            prompts.Add(dialog.DefaultValue);
            await dialog.AcceptAsync("https://social.example/@me");
        };

        var popup = await page.RunAndWaitForPopupAsync(() => page.Locator("a.share-mastodon").ClickAsync());
        var opened = new Uri(popup.Url);
        Assert.Equal("https://social.example/share", opened.GetLeftPart(UriPartial.Path));
        Assert.Equal($"{await HeadlineAsync()} {ArticleUrl}",
            System.Web.HttpUtility.ParseQueryString(opened.Query)["text"]);
        Assert.Equal(BaseUrl + Article, page.Url); // the reader stays on the article

        await page.RunAndWaitForPopupAsync(() => page.Locator("a.share-mastodon").ClickAsync());
        Assert.Equal(["", "social.example"], prompts);
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task The_article_and_search_pages_pass_axe()
    {
        foreach (var path in new[] { Article, "/search?q=soleimani", "/search?q=%22" })
        {
            var page = await OpenAsync(path);
            Assert.Empty(await SeriousAccessibilityViolationsAsync(page));
        }
        Assert.Empty(cspViolations);
    }
}
