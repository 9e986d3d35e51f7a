using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Masthead.Publishing.Delivery;
using Masthead.Publishing.Settings;
using Masthead.Staff;
using Masthead.Taxonomy;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masthead.Tests.Publishing.Delivery;

/// <summary>
/// The output cache: a repeat answer comes from memory (the cache's Age header says so), and each kind of change is
/// seen on the very next request — the change made as the newsroom makes it, through the back office or the write
/// owners, never by emptying the cache by hand.
/// </summary>
public class OutputCacheTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private HttpClient reader = null!;
    private StaffClient editor = null!;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var folder = TestFolders.NewFolder("output-cache");
        var date = DateTime.UtcNow.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"),
            $"---\ntitle: Tide tables for the delta\ndate: {date}\nauthors: [Jane Roe]\nregion: [Delta]\n---\n\nThe tide rises twice a day.\n", Cancel);
        await app.ImportMarkdownAsync(folder);
        reader = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        editor = await StaffClient.AsAsync(app, StaffRole.Editor);
    }

    public async ValueTask DisposeAsync()
    {
        editor.Dispose();
        await app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(method, url);
        headers?.Invoke(request.Headers);
        return await reader.SendAsync(request, Cancel);
    }

    /// <summary>Reads a page twice: the second answer must be the kept one, so that a change after it is a real test of eviction.</summary>
    private async Task<IHtmlDocument> CachedPageAsync(string url)
    {
        using (var first = await SendAsync(HttpMethod.Get, url)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        return await StaffClient.ParseAsync(second);
    }

    private async Task<IHtmlDocument> PageAsync(string url)
    {
        using var response = await SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await StaffClient.ParseAsync(response);
    }

    private Task<int> ArticleIdAsync(string slug) => app.WithScopeAsync(s => s.GetRequiredService<Masthead.Data.MastheadDb>()
        .Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync(Cancel));

    [Theory]
    [MemberData(nameof(HttpCachingTests.PublicAddresses), MemberType = typeof(HttpCachingTests))]
    public async Task A_repeat_answer_and_a_revalidation_come_from_memory_and_HEAD_is_the_GET_without_a_body(string url)
    {
        using var first = await SendAsync(HttpMethod.Get, url, h => h.AcceptEncoding.ParseAdd("br"));
        var body = await first.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Null(first.Headers.Age);
        using var kept = await SendAsync(HttpMethod.Get, url, h => h.AcceptEncoding.ParseAdd("br"));
        Assert.NotNull(kept.Headers.Age);
        Assert.Equal(["br"], kept.Content.Headers.ContentEncoding);
        Assert.Equal(body, await kept.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(first.Headers.ETag, kept.Headers.ETag);

        // Another encoding is another entry, never the Brotli bytes.
        using var gzip = await SendAsync(HttpMethod.Get, url, h => h.AcceptEncoding.ParseAdd("gzip"));
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);

        using var revalidated = await SendAsync(HttpMethod.Get, url, h => { h.AcceptEncoding.ParseAdd("br"); h.IfNoneMatch.Add(first.Headers.ETag!); });
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Cancel));

        using var head = await SendAsync(HttpMethod.Head, url, h => h.AcceptEncoding.ParseAdd("br"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(Headers(kept), Headers(head));
    }

    [Theory]
    [InlineData("/no-such-article/")]
    [InlineData("/tide-tables-for-the-delta/comments/new")]
    [InlineData("/admin/login")]
    [InlineData("/ghost/api/content/posts/?key=wrong")]
    public async Task HEAD_answers_whatever_GET_answers_with_its_headers_and_no_body(string url)
    {
        // Two first visits: a form page sets its antiforgery cookie on each.
        using var get = await app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).GetAsync(url, Cancel);
        using var head = await app.CreateClient(new() { HandleCookies = false, AllowAutoRedirect = false }).SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Cancel);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(HeaderNames(get), HeaderNames(head));
    }

    /// <summary>Every header and value but the ones that name the moment (Date, Age) or the body's framing.</summary>
    private static string[] Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Age" or "Content-Length" or "Transfer-Encoding"))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}").Order(StringComparer.Ordinal)];

    /// <summary>Pages with a form carry fresh tokens and cookies each time: the same headers, not the same values.</summary>
    private static string[] HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key)
            .Where(k => k is not ("Date" or "Age" or "Content-Length" or "Transfer-Encoding")).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Readers_with_a_staff_or_member_cookie_pass_the_cache_and_their_pages_are_never_kept()
    {
        await CachedPageAsync("/tide-tables-for-the-delta/");
        using (var staff = await editor.GetAsync("/tide-tables-for-the-delta/"))
        {
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
            Assert.Null(staff.Headers.Age);
        }
        for (var i = 0; i < 2; i++)
        {
            using var response = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Cookie", $"{Masthead.Members.MemberAuthentication.CookieName}=x" } } }, Cancel);
            Assert.Null(response.Headers.Age);
        }
    }

    [Fact]
    public async Task Renders_for_signed_in_readers_use_kept_article_data_that_the_same_changes_evict()
    {
        var kept = app.Services.GetRequiredService<Masthead.Articles.ArticleCache>();
        var id = await ArticleIdAsync("tide-tables-for-the-delta");
        async Task<IHtmlDocument> StaffPageAsync()
        {
            using var response = await editor.GetAsync("/tide-tables-for-the-delta/");
            Assert.Null(response.Headers.Age);
            return await StaffClient.ParseAsync(response);
        }
        Assert.Equal("Tide tables for the delta", (await StaffPageAsync()).QuerySelector("h1.headline")!.TextContent);
        Assert.True(kept.Holds("tide-tables-for-the-delta"));

        var term = await app.WithScopeAsync(s => s.GetRequiredService<Masthead.Data.MastheadDb>().Terms.SingleAsync(t => t.Slug == "delta", Cancel));
        Assert.True((await app.WithScopeAsync(s => s.GetRequiredService<TaxonomyEditor>().UpdateTermAsync(term.Id, "Lower Delta", "delta", term.Version))).Succeeded);
        Assert.Contains((await StaffPageAsync()).QuerySelectorAll("a[href='/region/delta/']"), a => a.TextContent.Trim() == "Lower Delta");

        var edited = await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Tide tables, revised", ["Form.Slug"] = "tide-tables-for-the-delta", ["Form.BodyMarkdown"] = "The tide rises twice a day." });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Tide tables, revised", (await StaffPageAsync()).QuerySelector("h1.headline")!.TextContent);
        Assert.True(kept.Holds("tide-tables-for-the-delta"));

        var unpublished = await BackOffice.PostArticleAsync(editor, id, "Unpublish", new() { ["Form.Headline"] = "Tide tables, revised", ["Form.Slug"] = "tide-tables-for-the-delta", ["Form.BodyMarkdown"] = "The tide rises twice a day." });
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        Assert.False(kept.Holds("tide-tables-for-the-delta"));
        using var gone = await editor.GetAsync("/tide-tables-for-the-delta/");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Renders_for_signed_in_readers_keep_approved_comments_until_a_moderator_changes_them()
    {
        var id = await ArticleIdAsync("tide-tables-for-the-delta");
        async Task<List<string>> CommentsAsync()
        {
            using var response = await editor.GetAsync("/tide-tables-for-the-delta/");
            Assert.Null(response.Headers.Age);
            return [.. (await StaffClient.ParseAsync(response)).QuerySelectorAll("li.comment .comment-body").Select(b => b.TextContent.Trim())];
        }
        var held = await app.WithScopeAsync(s => s.GetRequiredService<Masthead.Comments.CommentsEditor>().ImportAsync(
            [new(null, id, "Ana", "ana@example.com", null, "<p>High water at six.</p>", DateTime.UtcNow.AddMinutes(-5), Masthead.Comments.CommentStatus.Pending, null)],
            cancellation: Cancel));
        Assert.Empty(await CommentsAsync());
        Assert.Empty(await CommentsAsync()); // now kept

        var approved = await editor.PostFormAsync("/admin/comments?handler=Moderate&status=Pending", new() { ["one"] = $"Approve:{held[0].Id}" }, "/admin/comments");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(["High water at six."], await CommentsAsync());

        var edited = await editor.PostFormAsync($"/admin/comments/edit/{held[0].Id}", new() { ["Body"] = "High water at seven." }, $"/admin/comments/edit/{held[0].Id}");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(["High water at seven."], await CommentsAsync());
    }

    [Fact]
    public async Task An_edit_a_publication_an_unpublication_and_a_correction_are_seen_on_the_next_request()
    {
        var id = await ArticleIdAsync("tide-tables-for-the-delta");
        Assert.Equal("Tide tables for the delta", (await CachedPageAsync("/tide-tables-for-the-delta/")).QuerySelector("h1.headline")!.TextContent);
        Assert.Contains("Tide tables for the delta", Html.Headlines(await CachedPageAsync("/")));
        await CachedPageAsync("/region/delta/");

        var edited = await BackOffice.PostArticleAsync(editor, id, "Publish", new() { ["Form.Headline"] = "Tide tables for the whole delta", ["Form.Slug"] = "tide-tables-for-the-delta", ["Form.BodyMarkdown"] = "The tide rises twice a day." });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal("Tide tables for the whole delta", (await PageAsync("/tide-tables-for-the-delta/")).QuerySelector("h1.headline")!.TextContent);
        Assert.Contains("Tide tables for the whole delta", Html.Headlines(await PageAsync("/")));

        await CachedPageAsync("/");
        var published = await BackOffice.SaveNewAsync(editor, "Ferry timetable changes", "New crossings from May.", "Publish");
        Assert.Equal("Ferry timetable changes", Html.Headlines(await PageAsync("/"))[0]);
        var feed = await (await SendAsync(HttpMethod.Get, "/feed/")).Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Ferry timetable changes", System.Xml.Linq.XDocument.Parse(feed).Descendants("item").Select(i => (string?)i.Element("title")));

        await CachedPageAsync("/ferry-timetable-changes/");
        await CachedPageAsync("/");
        var unpublished = await BackOffice.PostArticleAsync(editor, published, "Unpublish", new() { ["Form.Headline"] = "Ferry timetable changes", ["Form.BodyMarkdown"] = "New crossings from May." });
        Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
        using (var gone = await SendAsync(HttpMethod.Get, "/ferry-timetable-changes/")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain("Ferry timetable changes", Html.Headlines(await PageAsync("/")));

        await CachedPageAsync("/tide-tables-for-the-delta/");
        var noted = await editor.PostFormAsync($"/admin/articles/edit/{id}?handler=Note", new() { ["kind"] = "Correction", ["noteText"] = "The spring tide was misdated." },
            tokenFrom: $"/admin/articles/edit/{id}");
        Assert.Equal(HttpStatusCode.OK, noted.StatusCode); // the editor again, with the note added
        var notes = (await PageAsync("/tide-tables-for-the-delta/")).QuerySelector("section.article-notes");
        Assert.Contains("The spring tide was misdated.", notes!.TextContent);
    }

    [Fact]
    public async Task A_scheduled_article_is_seen_on_the_first_request_after_its_time()
    {
        await CachedPageAsync("/");
        var at = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(30);
        await BackOffice.SaveNewAsync(editor, "Lighthouse reopens", "The lamp is lit again.", "Schedule",
            new() { ["Form.PublishAt"] = at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.DoesNotContain("Lighthouse reopens", Html.Headlines(await CachedPageAsync("/")));

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var id = await ArticleIdAsync("lighthouse-reopens");
        for (var i = 0; i < 100 && await app.WithScopeAsync(s => s.GetRequiredService<Masthead.Data.MastheadDb>().Articles
                 .AnyAsync(a => a.Id == id && a.Status != Masthead.Articles.ArticleStatus.Published, Cancel)); i++)
            await Task.Delay(100, Cancel);
        Assert.Equal("Lighthouse reopens", Html.Headlines(await PageAsync("/"))[0]);
    }

    [Fact]
    public async Task A_renamed_term_and_changed_settings_are_seen_on_the_next_request()
    {
        var term = await app.WithScopeAsync(s => s.GetRequiredService<Masthead.Data.MastheadDb>().Terms.SingleAsync(t => t.Slug == "delta", Cancel));
        await CachedPageAsync("/region/delta/");
        await CachedPageAsync("/tide-tables-for-the-delta/");
        var renamed = await app.WithScopeAsync(s => s.GetRequiredService<TaxonomyEditor>().UpdateTermAsync(term.Id, "River Delta", "delta", term.Version));
        Assert.True(renamed.Succeeded);
        Assert.Contains("River Delta", (await PageAsync("/region/delta/")).QuerySelector("main h1")!.TextContent);
        var article = await PageAsync("/tide-tables-for-the-delta/");
        Assert.Contains(article.QuerySelectorAll("a[href='/region/delta/']"), a => a.TextContent.Trim() == "River Delta");

        await CachedPageAsync("/");
        await app.WithScopeAsync(async s => { await s.GetRequiredService<SettingsEditor>().TakeIdentityAsync("The Harbour Gazette", null, null, Cancel); return 0; });
        Assert.Equal("The Harbour Gazette", (await PageAsync("/")).QuerySelector("a.site-name")!.TextContent);
        Assert.Equal("The Harbour Gazette", (await PageAsync("/tide-tables-for-the-delta/")).QuerySelector("a.site-name")!.TextContent);
    }

    [Fact]
    public async Task An_import_from_the_command_line_in_another_process_is_seen_by_the_server()
    {
        await CachedPageAsync("/");
        var folder = TestFolders.NewFolder("output-cache-cli");
        var date = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        await File.WriteAllTextAsync(Path.Combine(folder, "b.md"), $"---\ntitle: Dredging starts at the port\ndate: {date}\n---\n\nThe channel is deepened.\n", Cancel);
        var location = app.Services.GetRequiredService<Masthead.Data.DatabaseLocation>();
        var (exit, output) = await MastheadProcess.RunAsync("import", "markdown", folder,
            "--database", location.IsSqlite ? "sqlite:" + location.SqliteFile : location.ConnectionString, "--data-folder", app.DataFolder);
        Assert.True(exit == 0, output);

        // SQLite: the next request sees the file changed and reads the events first. PostgreSQL: each server reads the
        // events every FollowIntervalMs (500 ms), as other servers' changes.
        var seen = Html.Headlines(await PageAsync("/"));
        for (var i = 0; !location.IsSqlite && i < 20 && seen[0] != "Dredging starts at the port"; i++)
        {
            await Task.Delay(100, Cancel);
            seen = Html.Headlines(await PageAsync("/"));
        }
        Assert.Equal("Dredging starts at the port", seen[0]);
    }

    [Fact]
    public async Task The_cache_is_bounded_in_bytes_and_the_least_recently_used_go_first()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var theme = new Masthead.Publishing.Theme.ThemeRenderer(new Microsoft.Extensions.FileProviders.NullFileProvider());
        using var cache = new PageCache(Microsoft.Extensions.Options.Options.Create(new PageCacheOptions { SizeLimitMB = 1 }),
            new Masthead.Events.EventSignal(), theme, services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var answer = new byte[330 * 1024]; // three fill more than the 90 % a compaction brings the cache down to
        await cache.SetAsync("a", answer, ["site", "article-1"], TimeSpan.FromMinutes(5), Cancel);
        await cache.SetAsync("b", answer, ["site", "article-2"], TimeSpan.FromMinutes(5), Cancel);
        await cache.SetAsync("c", answer, ["site", "article-3"], TimeSpan.FromMinutes(5), Cancel);
        await Task.Delay(20, Cancel);
        Assert.NotNull(await cache.GetAsync("a", Cancel)); // "a" is now the most recently used
        await Task.Delay(20, Cancel);
        await cache.GetAsync("c", Cancel);
        await cache.SetAsync("d", answer, ["site", "article-4"], TimeSpan.FromMinutes(5), Cancel); // past 1 MiB: refused, and a compaction starts
        for (var i = 0; i < 100 && cache.Bytes >= 3 * answer.Length; i++) await Task.Delay(20, Cancel); // a read of "b" here would make it recent
        Assert.Null(await cache.GetAsync("b", Cancel));
        Assert.NotNull(await cache.GetAsync("a", Cancel));
        Assert.True(cache.Bytes <= 1024 * 1024, $"{cache.Bytes} bytes kept");

        // An answer rendered while something was evicted may show the old content: it is not kept, even when the
        // eviction lands after the check, as it is being stored.
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        await cache.AroundRequestAsync(http, async _ =>
        {
            var tags = new HashSet<string> { "site" };
            Assert.True(cache.TagAnswer(http, tags));
            cache.Evict(["article-9"]);
            await cache.SetAsync("e", answer, [.. tags], TimeSpan.FromMinutes(5), Cancel);
        });
        Assert.Null(await cache.GetAsync("e", Cancel));
        await cache.AroundRequestAsync(http, _ =>
        {
            cache.Evict(["article-9"]);
            Assert.False(cache.TagAnswer(http, new HashSet<string>()));
            return Task.CompletedTask;
        });
        cache.Evict(["site"]);
        Assert.Null(await cache.GetAsync("a", Cancel));
    }
}
