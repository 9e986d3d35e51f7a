using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Masthead.Articles;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Publishing.Delivery;

/// <summary>Validators, 304 answers, CDN cache headers, compression and security headers, read from real responses.</summary>
public class HttpCachingTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private HttpClient client = null!;

    public static TheoryData<string> PublicAddresses() =>
    [
        "/", "/tide-tables-for-the-delta/", "/author/jane-roe/", "/region/delta/", "/feed/", "/feed/atom/",
        "/author/jane-roe/feed/", "/region/delta/feed/atom/", "/sitemap.xml", "/sitemap-articles-1.xml", "/sitemap-news.xml",
        "/robots.txt", "/search?q=tide", "/search.json?q=tide",
    ];

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("caching");
        var date = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"),
            $"---\ntitle: Tide tables for the delta\ndate: {date}\nauthors: [Jane Roe]\nregion: [Delta]\n---\n\n{string.Join(' ', Enumerable.Repeat("The tide rises twice a day.", 200))}\n");
        await app.ImportMarkdownAsync(folder);
        client = app.CreateClient();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string url, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        headers?.Invoke(request.Headers);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task Public_responses_carry_validators_and_a_CDN_cache_policy(string url)
    {
        using var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.ETag!.IsWeak);
        var stamp = await app.WithDbAsync(db => db.SiteSettings.Select(s => s.ContentChangedAt).SingleAsync());
        Assert.NotNull(stamp);
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(stamp.Value, DateTimeKind.Utc)), response.Content.Headers.LastModified!.Value, TimeSpan.FromSeconds(1));

        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.Zero, cache.MaxAge);
        Assert.True(cache.MustRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(300), cache.SharedMaxAge);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var keys = response.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.Equal("masthead", keys[0]); // the site's own tag, which a site-wide purge names
        Assert.Equal(keys, response.Headers.GetValues("Cache-Tag").Single().Split(','));
        Assert.Contains(keys, key => key == ExpectedKey(url) || (ExpectedKey(url).EndsWith('-') && key.StartsWith(ExpectedKey(url)) && int.TryParse(key[ExpectedKey(url).Length..], out _)));
        Assert.False(response.Headers.Contains("Set-Cookie"), "a page that sets a cookie must not be shared by a cache");
    }

    /// <summary>What a targeted purge names to reach this kind of page.</summary>
    private static string ExpectedKey(string url) => url switch
    {
        "/" => "masthead-home",
        _ when url.Contains("/feed/") => "masthead-feeds",
        _ when url.StartsWith("/sitemap") || url == "/robots.txt" => "masthead-sitemaps",
        _ when url.StartsWith("/search") => "masthead-search",
        _ when url.StartsWith("/region/") => "masthead-term-",
        _ when url.StartsWith("/author/") => "masthead-person-",
        _ => "masthead-article-",
    };

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task A_current_copy_is_answered_304_by_either_validator(string url)
    {
        using var first = await GetAsync(url);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = await GetAsync(url, h => h.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(etag, byTag.Headers.ETag);

        using var byDate = await GetAsync(url, h => h.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);

        // If-None-Match decides when both are sent (RFC 9110 §13.2.2): a stale tag gets the page even with a current date.
        using var staleTag = await GetAsync(url, h => { h.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\"", true)); h.IfModifiedSince = lastModified; });
        Assert.Equal(HttpStatusCode.OK, staleTag.StatusCode);
    }

    [Fact]
    public async Task After_an_edit_the_old_validators_get_the_new_page()
    {
        const string url = "/tide-tables-for-the-delta/";
        using var before = await GetAsync(url);
        var etag = before.Headers.ETag!;
        var lastModified = before.Content.Headers.LastModified!.Value;
        using var homeBefore = await GetAsync("/");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync(a => a.Slug == "tide-tables-for-the-delta");
            article.Headline = "Tide tables for the delta, corrected";
            await db.SaveChangesAsync();
        });

        using var byTag = await GetAsync(url, h => h.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, byTag.StatusCode);
        Assert.NotEqual(etag, byTag.Headers.ETag);
        using var byDate = await GetAsync(url, h => h.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.OK, byDate.StatusCode);
        Assert.True(byDate.Content.Headers.LastModified > lastModified);
        using var home = await GetAsync("/", h => h.IfNoneMatch.Add(homeBefore.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_and_feeds_are_compressed_and_decode_to_the_identity_body(string encoding)
    {
        foreach (var url in new[] { "/tide-tables-for-the-delta/", "/feed/", "/feed/atom/", "/sitemap-articles-1.xml", "/search.json?q=tide" })
        {
            using var identity = await GetAsync(url);
            var plain = await identity.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            using var compressed = await GetAsync(url, h => h.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding)));
            Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
            var body = await compressed.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            using Stream decoder = encoding == "br" ? new BrotliStream(body, CompressionMode.Decompress) : new GZipStream(body, CompressionMode.Decompress);
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded, TestContext.Current.CancellationToken);
            Assert.Equal(plain, decoded.ToArray());
            Assert.True(compressed.Content.Headers.ContentLength is null || compressed.Content.Headers.ContentLength < plain.Length, url);
        }
    }

    [Theory]
    [InlineData("/tide-tables-for-the-delta/")]
    [InlineData("/admin/login")]
    [InlineData("/no-such-page/")]
    public async Task Security_headers_are_on_every_response(string url)
    {
        using var response = await GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'self'"], csp["frame-ancestors"]);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Errors_and_the_back_office_are_never_cached_by_a_CDN()
    {
        using var missing = await GetAsync("/no-such-page/");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);
        Assert.True(missing.Headers.CacheControl!.NoCache);
        Assert.False(missing.Headers.CacheControl.Public);

        using var login = await GetAsync("/admin/login");
        Assert.Null(login.Headers.ETag);
        Assert.False(login.Headers.CacheControl?.Public ?? false);
    }

    [Fact]
    public async Task A_draft_is_not_served_so_nothing_about_it_can_be_cached()
    {
        await app.WithDbAsync(async db =>
        {
            var article = await db.Articles.SingleAsync();
            article.Status = ArticleStatus.Draft;
            await db.SaveChangesAsync();
        });
        using var response = await GetAsync("/tide-tables-for-the-delta/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }
}
