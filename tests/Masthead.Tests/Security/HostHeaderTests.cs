using System.Net;
using Masthead.Tests.Infrastructure;

namespace Masthead.Tests.Security;

/// <summary>The audit's Host header finding: a stranger's Host never reaches a page a shared cache keeps.</summary>
public sealed class HostHeaderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string? Canonical, string? CacheControl, bool Tagged)> HomeAsync(MastheadApp app, string host)
    {
        await app.ImportPageAsync(Pages.Reference);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request, Cancel);
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, null, null, false);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return (response.StatusCode, page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"), response.Headers.CacheControl?.ToString(),
            response.Headers.Contains("Surrogate-Key"));
    }

    [Fact]
    public async Task Without_a_site_address_or_allowed_hosts_the_answer_names_the_host_but_is_never_shared()
    {
        await using var app = new MastheadApp();
        app.Settings["AllowedHosts"] = "*";
        await app.InitializeAsync();
        var (status, canonical, cacheControl, _) = await HomeAsync(app, "evil.example");
        Assert.Equal((HttpStatusCode.OK, "http://evil.example/"), (status, canonical));
        var parsed = System.Net.Http.Headers.CacheControlHeaderValue.Parse(cacheControl);
        Assert.Equal((true, false, null), (parsed.Private, parsed.Public, parsed.SharedMaxAge));
    }

    [Fact]
    public async Task With_allowed_hosts_a_stranger_host_is_refused_and_the_sites_own_is_shared()
    {
        await using var app = new MastheadApp();
        app.Settings["AllowedHosts"] = "news.example";
        await app.InitializeAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await HomeAsync(app, "evil.example")).Status);
        var (status, canonical, cacheControl, tagged) = await HomeAsync(app, "news.example");
        Assert.Equal((HttpStatusCode.OK, "http://news.example/", true, true), (status, canonical, cacheControl!.StartsWith("public", StringComparison.Ordinal), tagged));
    }

    [Fact]
    public async Task With_a_site_address_every_link_names_it_whatever_the_host()
    {
        await using var app = new MastheadApp();
        app.Settings["AllowedHosts"] = "*";
        app.Settings["Masthead:SiteUrl"] = "https://news.example";
        await app.InitializeAsync();
        var (status, canonical, cacheControl, _) = await HomeAsync(app, "evil.example");
        Assert.Equal((HttpStatusCode.OK, "https://news.example/", true), (status, canonical, cacheControl!.StartsWith("public", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Over_https_form_tokens_are_secure_cookies_and_browsers_are_told_to_stay_on_https()
    {
        await using var app = new MastheadApp();
        app.Settings["AllowedHosts"] = "news.example";
        await app.InitializeAsync();
        foreach (var (scheme, secure) in new[] { ("https", true), ("http", false) })
        {
            using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
                { BaseAddress = new Uri($"{scheme}://news.example"), AllowAutoRedirect = false });
            using var response = await client.GetAsync("/admin/setup", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            var attributes = token.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Equal((scheme, secure), (scheme, attributes.Contains("secure")));
            Assert.Equal((scheme, secure ? "max-age=31536000" : null),
                (scheme, response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) ? hsts.Single() : null));
        }
    }
}
