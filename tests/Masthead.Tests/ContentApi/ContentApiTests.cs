using System.Net;
using System.Text.Json;
using Masthead.Articles;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.ContentApi;

/// <summary>Each resource, parameter and error of the Content API over HTTP, checked against the store.</summary>
public class ContentApiTests(ContentApiSite site) : IClassFixture<ContentApiSite>
{
    private static List<string?> Strings(JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()).ToList();

    private async Task<List<string?>> SlugsAsync(string query) => Strings((await site.OkAsync("posts/", query)).GetProperty("posts"), "slug");

    private Task<List<string>> PublishedSlugsAsync(Func<IQueryable<Article>, IQueryable<Article>> where) =>
        site.DbAsync(db => where(ArticleQueries.PublishedPosts(db)).OrderByDescending(a => a.PublishedAt).Select(a => a.Slug).ToListAsync());

    [Fact]
    public async Task Posts_browse_lists_the_published_articles_newest_first_with_Ghosts_pagination()
    {
        var body = await site.OkAsync("posts/");
        Assert.Equal((await PublishedSlugsAsync(q => q)).Cast<string?>(), Strings(body.GetProperty("posts"), "slug"));
        var pagination = body.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((1, 15, 1, 5), (pagination.GetProperty("page").GetInt32(), pagination.GetProperty("limit").GetInt32(),
            pagination.GetProperty("pages").GetInt32(), pagination.GetProperty("total").GetInt32()));
        Assert.Equal(JsonValueKind.Null, pagination.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, pagination.GetProperty("prev").ValueKind);
    }

    [Fact]
    public async Task Limit_and_page_walk_the_list_without_overlap()
    {
        var all = await PublishedSlugsAsync(q => q);
        var first = await site.OkAsync("posts/", "limit=2&page=1");
        var third = await site.OkAsync("posts/", "limit=2&page=3");
        Assert.Equal(all.Take(2).Cast<string?>(), Strings(first.GetProperty("posts"), "slug"));
        Assert.Equal(all.Skip(4).Cast<string?>(), Strings(third.GetProperty("posts"), "slug"));
        var meta = first.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((3, 2), (meta.GetProperty("pages").GetInt32(), meta.GetProperty("next").GetInt32()));
        Assert.Equal(2, third.GetProperty("meta").GetProperty("pagination").GetProperty("prev").GetInt32());
        Assert.Empty((await site.OkAsync("posts/", "limit=2&page=9")).GetProperty("posts").EnumerateArray());
    }

    [Theory]
    [InlineData("limit=abc", 422, "ValidationError")]
    [InlineData("limit=0", 422, "ValidationError")]
    [InlineData("page=-1", 422, "ValidationError")]
    [InlineData("order=title%20sideways", 400, "BadRequestError")]
    [InlineData("order=password%20asc", 400, "BadRequestError")]
    public async Task Bad_parameters_get_Ghosts_error_body(string query, int status, string type)
    {
        var (actual, body, _) = await site.GetAsync("posts/", query);
        Assert.Equal(status, actual);
        Assert.Equal(type, body.GetProperty("errors")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Order_takes_several_keys()
    {
        var expected = await site.DbAsync(db => ArticleQueries.PublishedPosts(db)
            .OrderByDescending(a => a.Featured).ThenBy(a => a.Headline).Select(a => a.Slug).ToListAsync());
        Assert.Equal(expected.Cast<string?>(), await SlugsAsync("order=featured%20desc,%20title%20asc"));
        Assert.Equal((await PublishedSlugsAsync(q => q)).AsEnumerable().Reverse().Cast<string?>(), await SlugsAsync("order=published_at%20asc"));
    }

    public static TheoryData<string, string[]> Filters() => new()
    {
        { "tag:law-and-justice", [ContentApiSite.ReferenceSlug, "second-harbour-report"] },
        { "tags:[economy,asia]", ["harbour-strike-ends", "second-harbour-report", "reprinted-from-the-port-gazette"] },
        { "tag:europe", ["harbour-strike-ends"] },
        { "tag:europe-theme", ["europe-as-a-theme"] },
        { "author:john-doe", ["europe-as-a-theme", "second-harbour-report"] },
        { "authors.slug:[ann-other,tony-cartalucci]", [ContentApiSite.ReferenceSlug, "reprinted-from-the-port-gazette"] },
        { "primary_author:john-doe", ["europe-as-a-theme"] },
        { "primary_tag:asia", ["second-harbour-report", "reprinted-from-the-port-gazette"] },
        { "featured:true", ["harbour-strike-ends"] },
        { "published_at:>'2020-01-01'", ["europe-as-a-theme", "harbour-strike-ends", ContentApiSite.ReferenceSlug] },
        { "published_at:<='2019-05-06 08:30:00'", ["second-harbour-report", "reprinted-from-the-port-gazette"] },
        { "slug:-harbour-strike-ends+tag:asia", ["second-harbour-report", "reprinted-from-the-port-gazette"] },
        { "tag:economy,author:ann-other", ["harbour-strike-ends", "reprinted-from-the-port-gazette"] },
        { "(tag:asia,tag:europe)+author:jane-roe", ["harbour-strike-ends", "second-harbour-report"] },
        { "tag:asia,tag:europe+author:jane-roe", ["harbour-strike-ends", "second-harbour-report", "reprinted-from-the-port-gazette"] },
        { "title:~'harbour'", ["harbour-strike-ends", "second-harbour-report"] },
        { "slug:[harbour-strike-ends,europe-as-a-theme]+featured:false", ["europe-as-a-theme"] },
        { "tag:no-such-tag", [] },
        { "slug:not-yet", [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_select_what_Ghost_would(string filter, string[] expected)
    {
        Assert.Equal(expected.Cast<string?>(), await SlugsAsync("filter=" + Uri.EscapeDataString(filter)));
        var total = (await site.OkAsync("posts/", "filter=" + Uri.EscapeDataString(filter))).GetProperty("meta").GetProperty("pagination").GetProperty("total");
        Assert.Equal(expected.Length, total.GetInt32());
    }

    [Theory]
    [InlineData("tag:[economy")]
    [InlineData("tag:")]
    [InlineData("(tag:asia")]
    [InlineData("tag:'asia")]
    [InlineData("password:secret")]
    [InlineData("published_at:>'yesterday'")]
    [InlineData("featured:maybe")]
    [InlineData("tag:>asia")]
    [InlineData("+++")]
    public async Task An_invalid_filter_is_Ghosts_400_never_a_500(string filter)
    {
        var (status, body, _) = await site.GetAsync("posts/", "filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(400, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal(("BadRequestError", "Request not understood error, cannot list posts.", "Error parsing filter"),
            (error.GetProperty("type").GetString(), error.GetProperty("message").GetString(), error.GetProperty("context").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("help").GetString()));
    }

    [Fact]
    public async Task Include_adds_authors_and_tags_with_their_primaries_in_byline_and_vocabulary_order()
    {
        var bare = (await site.OkAsync("posts/slug/second-harbour-report/")).GetProperty("posts")[0];
        Assert.False(bare.TryGetProperty("tags", out _));
        Assert.False(bare.TryGetProperty("primary_author", out _));

        var post = (await site.OkAsync("posts/slug/second-harbour-report/", "include=tags,authors")).GetProperty("posts")[0];
        Assert.Equal(["Jane Roe", "John Doe"], Strings(post.GetProperty("authors"), "name"));
        Assert.Equal(["asia", "law-and-justice"], Strings(post.GetProperty("tags"), "slug"));
        Assert.Equal("jane-roe", post.GetProperty("primary_author").GetProperty("slug").GetString());
        Assert.Equal("asia", post.GetProperty("primary_tag").GetProperty("slug").GetString());
        Assert.Equal("region", post.GetProperty("tags")[0].GetProperty("vocabulary").GetProperty("slug").GetString());
        Assert.Equal($"{site.BaseUrl}/author/jane-roe/", post.GetProperty("authors")[0].GetProperty("url").GetString());
        Assert.Equal($"{site.BaseUrl}/region/asia/", post.GetProperty("tags")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Fields_and_formats_choose_what_comes_back()
    {
        var post = (await site.OkAsync("posts/", "fields=title,url&filter=featured:true")).GetProperty("posts")[0];
        Assert.Equal(["title", "url"], post.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{site.BaseUrl}/harbour-strike-ends/", post.GetProperty("url").GetString());

        var both = (await site.OkAsync("posts/slug/second-harbour-report/", "formats=html,plaintext")).GetProperty("posts")[0];
        var article = await site.DbAsync(db => db.Articles.SingleAsync(a => a.Slug == "second-harbour-report"));
        Assert.Equal(article.BodyText.Trim(), both.GetProperty("plaintext").GetString());
        var html = Infrastructure.Html.Parse(both.GetProperty("html").GetString()!);
        Assert.Equal($"{site.BaseUrl}/media/crane.png", html.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal($"{site.BaseUrl}/harbour-strike-ends/", html.QuerySelector("a")!.GetAttribute("href"));
        var plainOnly = (await site.OkAsync("posts/slug/second-harbour-report/", "formats=plaintext")).GetProperty("posts")[0];
        Assert.False(plainOnly.TryGetProperty("html", out _));
    }

    [Fact]
    public async Task A_post_carries_its_dates_ids_and_canonical_origin()
    {
        var article = await site.DbAsync(db => db.Articles.SingleAsync(a => a.Slug == "reprinted-from-the-port-gazette"));
        var id = global::Masthead.ContentApi.GhostIds.For(global::Masthead.ContentApi.GhostIds.Kind.Post, article.Id);
        var post = (await site.OkAsync($"posts/{id}/")).GetProperty("posts")[0];
        Assert.Matches("^[0-9a-f]{24}$", post.GetProperty("id").GetString());
        Assert.Equal(id, post.GetProperty("id").GetString());
        Assert.Equal(article.Uuid.ToString(), post.GetProperty("uuid").GetString());
        Assert.Equal("2018-01-01T12:00:00.000+00:00", post.GetProperty("published_at").GetString());
        Assert.Equal(article.UpdatedAt, DateTimeOffset.Parse(post.GetProperty("updated_at").GetString()!).UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal("https://gazette.example/original", post.GetProperty("canonical_url").GetString());
        Assert.Equal(JsonValueKind.Null, (await site.OkAsync("posts/slug/harbour-strike-ends/")).GetProperty("posts")[0].GetProperty("canonical_url").ValueKind);
    }

    [Theory]
    [InlineData("posts/slug/not-yet/", "post")]
    [InlineData("posts/slug/nothing-here/", "post")]
    [InlineData("posts/0100000000000000000000ff/", "post")]
    [InlineData("posts/not-an-id/", "post")]
    [InlineData("tags/slug/nothing/", "tag")]
    [InlineData("authors/slug/nobody/", "author")]
    [InlineData("pages/slug/about/", "page")]
    [InlineData("pages/0100000000000000000000ff/", "page")]
    public async Task What_is_not_there_is_Ghosts_404(string resource, string what)
    {
        var (status, body, _) = await site.GetAsync(resource);
        Assert.Equal(404, status);
        var error = body.GetProperty("errors")[0];
        Assert.Equal(("NotFoundError", $"Resource not found error, cannot read {what}."), (error.GetProperty("type").GetString(), error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Tags_are_the_terms_with_post_counts_and_their_vocabulary()
    {
        var tags = (await site.OkAsync("tags/", "include=count.posts&limit=all")).GetProperty("tags");
        var terms = await site.DbAsync(db => db.Terms.Select(t => new
        {
            t.Name,
            Posts = db.Set<ArticleTerm>().Count(at => at.TermId == t.Id && ArticleQueries.PublishedPosts(db).Any(a => a.Id == at.ArticleId)),
        }).ToListAsync());
        Assert.Equal(terms.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(t => (t.Name, t.Posts)),
            tags.EnumerateArray().Select(t => (t.GetProperty("name").GetString()!, t.GetProperty("count").GetProperty("posts").GetInt32())));
        var regions = (await site.OkAsync("tags/", "filter=vocabulary:region")).GetProperty("tags");
        Assert.Equal(["asia", "europe", "middle-east-north-africa"], Strings(regions, "slug"));
        var europeTheme = (await site.OkAsync("tags/slug/europe-theme/")).GetProperty("tags")[0];
        Assert.Equal(("Europe", "theme"), (europeTheme.GetProperty("name").GetString(), europeTheme.GetProperty("vocabulary").GetProperty("slug").GetString()));
        Assert.False(europeTheme.TryGetProperty("count", out _));
        var busy = (await site.OkAsync("tags/", "include=count.posts&filter=count.posts:>1&order=count.posts%20desc")).GetProperty("tags");
        Assert.Equal(["asia", "law-and-justice"], Strings(busy, "slug"));
    }

    [Fact]
    public async Task Authors_are_the_people_with_post_counts()
    {
        var authors = (await site.OkAsync("authors/", "include=count.posts")).GetProperty("authors");
        Assert.Equal([("Ann Other", 1), ("Jane Roe", 2), ("John Doe", 2), ("Tony Cartalucci", 1)],
            authors.EnumerateArray().Select(a => (a.GetProperty("name").GetString()!, a.GetProperty("count").GetProperty("posts").GetInt32())));
        var tony = (await site.OkAsync("authors/slug/tony-cartalucci/")).GetProperty("authors")[0];
        var bio = await site.DbAsync(db => db.People.Where(p => p.Slug == "tony-cartalucci").Select(p => p.Bio).SingleAsync());
        Assert.Equal(bio, tony.GetProperty("bio").GetString());
        Assert.Equal($"{site.BaseUrl}/author/tony-cartalucci/", tony.GetProperty("url").GetString());
        Assert.Equal(["john-doe"], Strings((await site.OkAsync("authors/", "filter=name:~'doe'")).GetProperty("authors"), "slug"));
    }

    [Fact]
    public async Task Tags_and_authors_are_read_by_the_id_they_are_listed_with()
    {
        var tag = (await site.OkAsync("tags/", "filter=slug:asia")).GetProperty("tags")[0];
        var byId = (await site.OkAsync($"tags/{tag.GetProperty("id").GetString()}/", "include=count.posts")).GetProperty("tags")[0];
        Assert.Equal(("asia", 2), (byId.GetProperty("slug").GetString(), byId.GetProperty("count").GetProperty("posts").GetInt32()));

        var author = (await site.OkAsync("authors/", "filter=slug:jane-roe")).GetProperty("authors")[0];
        Assert.NotEqual(tag.GetProperty("id").GetString(), author.GetProperty("id").GetString());
        var authorById = (await site.OkAsync($"authors/{author.GetProperty("id").GetString()}/")).GetProperty("authors")[0];
        Assert.Equal("Jane Roe", authorById.GetProperty("name").GetString());
        Assert.Equal(404, (await site.GetAsync($"authors/{tag.GetProperty("id").GetString()}/")).Status); // a tag's id names no author
    }

    [Fact]
    public async Task Settings_and_pages_answer_as_Ghost_does()
    {
        var settings = (await site.OkAsync("settings/")).GetProperty("settings");
        var stored = await site.DbAsync(db => db.SiteSettings.SingleAsync());
        Assert.Equal((stored.Name, stored.TimeZone, site.BaseUrl + "/", stored.SiteUuid.ToString()),
            (settings.GetProperty("title").GetString(), settings.GetProperty("timezone").GetString(), settings.GetProperty("url").GetString(),
                settings.GetProperty("site_uuid").GetString()));
        var pages = await site.OkAsync("pages/", "include=authors");
        Assert.Equal(["about-the-harbour-desk"], Strings(pages.GetProperty("pages"), "slug"));
        Assert.Equal("Jane Roe", pages.GetProperty("pages")[0].GetProperty("primary_author").GetProperty("name").GetString());
        Assert.Equal(1, pages.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal("About the Harbour Desk", (await site.OkAsync("pages/slug/about-the-harbour-desk/")).GetProperty("pages")[0].GetProperty("title").GetString());
        Assert.Equal(404, (await site.GetAsync("posts/slug/about-the-harbour-desk/")).Status); // a page is not a post
        Assert.Equal(404, (await site.GetAsync("pages/slug/harbour-strike-ends/")).Status);
    }

    [Theory]
    [InlineData(null, "Authorization failed", null)]
    [InlineData("0123456789abcdef0123456789", "Unknown Content API Key", "UNKNOWN_CONTENT_API_KEY")]
    [InlineData("not-hex", "Unknown Content API Key", "UNKNOWN_CONTENT_API_KEY")]
    public async Task A_missing_or_unknown_key_is_Ghosts_401(string? key, string message, string? code)
    {
        var url = "/ghost/api/content/posts/" + (key is null ? "" : "?key=" + key);
        using var response = await site.Http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = body.RootElement.GetProperty("errors")[0];
        Assert.Equal(("UnauthorizedError", message, code), (error.GetProperty("type").GetString(), error.GetProperty("message").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Version_headers_CORS_and_cache_validators_are_Ghosts()
    {
        // A request without an Origin comes first: the answer it leaves in the output cache serves other origins too.
        using (var plain = await site.Http.GetAsync($"/ghost/api/content/posts/?key={site.Key}", TestContext.Current.CancellationToken))
            Assert.Equal("*", plain.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var request = new HttpRequestMessage(HttpMethod.Get, $"/ghost/api/content/posts/?key={site.Key}");
        request.Headers.Add("Accept-Version", "v6.0");
        request.Headers.Add("Origin", "https://front.example");
        using var response = await site.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("v6.65", response.Headers.GetValues("Content-Version").Single());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Accept-Version", response.Headers.Vary);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.NotNull(response.Headers.ETag);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/ghost/api/content/posts/?key={site.Key}");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await site.Http.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/ghost/api/content/posts/");
        preflight.Headers.Add("Origin", "https://front.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "accept-version");
        using var allowed = await site.Http.SendAsync(preflight, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("accept-version", allowed.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }
}
