using System.Net;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Security;

/// <summary>
/// No public or API address answers 5xx to a malformed parameter: every address the site serves, with every parameter
/// the audit tried, answers a page, a 4xx or a redirect.
/// </summary>
public sealed class MalformedParameterTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private string key = "";

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await app.ImportPageAsync(Pages.Reference);
        key = (await app.RunCliAsync("content-key", "create", "audit")).Lines[^1];
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private const string Article = "/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general";

    private static readonly string[] Addresses =
    [
        "/", "/feed/", "/feed/atom/", "/search", "/search.json", "/sitemap.xml", "/sitemap-news.xml", "/sitemap-articles-1.xml", "/robots.txt",
        "/author/tony-cartalucci/", "/author/tony-cartalucci/feed/", "/theme/law-and-justice/", "/theme/law-and-justice/feed/atom/",
        Article + "/", Article + "/comments/", Article + "/comments/feed/", "/comments/feed/", "/membership/", "/members/signin", "/account/",
        "/members/link/x", "/newsletters/unsubscribe/x", "/comments/unsubscribe/x",
    ];

    private static readonly string[] Api = ["posts/", "pages/", "tags/", "authors/", "settings/", "posts/slug/x/", "posts/zz/", "tags/slug/x/", "authors/1/"];

    private static readonly string[] Parameters =
    [
        "page=-1", "page=0", "page=abc", "page=99999999999999999999", "page=2147483647", "q=" + new string('(', 5000), "q=%00%01", "q=%E0%80",
        "from=9999-12-31", "to=0001-01-01", "from=2020-02-30", "author=%27", "term=a/b/c/d", "comments=newest", "comments=%FF",
        "limit=-5", "limit=all", "limit=99999999999", "filter=" + new string('(', 200), "filter=tag:", "filter=published_at:>'9999-99-99'",
        "filter=title:~'%5C'", "filter=" + string.Join(',', Enumerable.Repeat("tag:a", 400)), "include=authors,tags,x,,", "fields=title,,%00",
        "order=published_at%20sideways", "order=", "formats=html,plaintext,x", "filter=id:[" + new string('1', 50) + "]",
    ];

    [Fact]
    public async Task Every_address_with_every_malformed_parameter_answers_below_500()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var failures = new List<string>();
        foreach (var address in Addresses.Concat(Api.Select(a => $"/ghost/api/content/{a}?key={key}")))
            foreach (var parameter in Parameters)
            {
                var url = address + (address.Contains('?') ? "&" : "?") + parameter;
                using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
                if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {url[..Math.Min(url.Length, 160)]}");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
