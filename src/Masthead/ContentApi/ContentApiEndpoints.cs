using System.Text.Json;
using System.Text.Json.Nodes;
using Masthead.Data;
using Masthead.Publishing.Settings;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;

namespace Masthead.ContentApi;

/// <summary>
/// Ghost's Content API under /ghost/api/content/, so that front ends built on @tryghost/content-api work unchanged.
/// README "Ghost Content API" documents the mapping: terms are tags, people are authors, pages are articles marked as pages.
/// </summary>
public static class ContentApiEndpoints
{
    public const string Prefix = "/ghost/api/content";
    public const string CorsPolicy = "ghost-content-api";
    /// <summary>The Ghost release whose answers Masthead's mirror (the fixtures in ../shared/fixtures/ghost/content-api).</summary>
    public const string GhostVersion = "6.65";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static IServiceCollection AddContentApi(this IServiceCollection services) =>
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "HEAD").WithExposedHeaders("Content-Version")));

    public static IEndpointRouteBuilder MapContentApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(Prefix).RequireCors(CorsPolicy).AddEndpointFilter(GhostProtocolAsync);

        foreach (var (resource, pages) in new[] { ("posts", false), ("pages", true) })
        {
            api.MapGet($"/{resource}/", (HttpContext http, MastheadDb db, SitePages site, CancellationToken c) => BrowsePostsAsync(http, db, site, pages, c));
            api.MapGet($"/{resource}/{{id}}/", (string id, HttpContext http, MastheadDb db, SitePages site, CancellationToken c) =>
                ReadPostAsync(http, db, site, pages, a => a.Id == (GhostIds.Parse(GhostIds.Kind.Post, id) ?? 0), c));
            api.MapGet($"/{resource}/slug/{{slug}}/", (string slug, HttpContext http, MastheadDb db, SitePages site, CancellationToken c) =>
                ReadPostAsync(http, db, site, pages, a => a.Slug == slug, c));
        }

        api.MapGet("/tags/", (HttpContext http, MastheadDb db, SitePages pages, CancellationToken c) => BrowseTagsAsync(http, db, pages, null, c));
        api.MapGet("/tags/{id}/", (string id, HttpContext http, MastheadDb db, SitePages pages, CancellationToken c) =>
            BrowseTagsAsync(http, db, pages, t => t.Id == id, c));
        api.MapGet("/tags/slug/{slug}/", (string slug, HttpContext http, MastheadDb db, SitePages pages, CancellationToken c) =>
            BrowseTagsAsync(http, db, pages, t => t.Slug == slug, c));

        api.MapGet("/authors/", (HttpContext http, MastheadDb db, SitePages pages, CancellationToken c) => BrowseAuthorsAsync(http, db, pages, null, c));
        api.MapGet("/authors/{id}/", (string id, HttpContext http, MastheadDb db, SitePages pages, CancellationToken c) =>
            BrowseAuthorsAsync(http, db, pages, a => a.Id == id, c));
        api.MapGet("/authors/slug/{slug}/", (string slug, HttpContext http, MastheadDb db, SitePages pages, CancellationToken c) =>
            BrowseAuthorsAsync(http, db, pages, a => a.Slug == slug, c));

        api.MapGet("/settings/", async (MastheadDb db, SitePages pages, CancellationToken c) =>
        {
            var site = await pages.SiteAsync(c);
            var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(c) ?? new SiteSettings();
            return Answer(new JsonObject { ["settings"] = GhostSettings.For(settings, site, GhostVersion), ["meta"] = new JsonObject() });
        });
        return routes;
    }

    /// <summary>Every request: the key, Ghost's version headers, and Ghost's error bodies for whatever goes wrong.</summary>
    private static async ValueTask<object?> GhostProtocolAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Content-Version"] = "v" + GhostVersion;
        http.Response.Headers.Vary = "Accept-Version";
        // Like Ghost, with or without an Origin: the answer is kept in the output cache and served to every origin.
        http.Response.Headers.AccessControlAllowOrigin = "*";
        http.Response.Headers.AccessControlExposeHeaders = "Content-Version";
        var key = http.Request.Query["key"].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
            return Error(401, "UnauthorizedError", "Authorization failed",
                "Unable to determine the authenticated member or integration. Check the supplied Content API Key and ensure cookies are being passed through if member auth is failing.",
                null);
        var db = http.RequestServices.GetRequiredService<MastheadDb>();
        if (!await ContentKeys.IsValidAsync(db, key, http.RequestAborted))
            return Error(401, "UnauthorizedError", "Unknown Content API Key", null, "UNKNOWN_CONTENT_API_KEY");
        try { return await next(context); }
        catch (GhostRequestError error) { return Error(error.Status, error.Type, error.Message, error.Context, null, error.Help); }
    }

    /// <summary>Posts browse, or pages browse: the same objects, Masthead's articles that are (not) pages.</summary>
    private static async Task<IResult> BrowsePostsAsync(HttpContext http, MastheadDb db, SitePages pages, bool isPages, CancellationToken cancellation)
    {
        var resource = isPages ? "pages" : "posts";
        var options = BrowseOptions.Read(http.Request.Query, resource);
        var site = await pages.SiteAsync(cancellation);
        var catalog = await GhostCatalog.LoadAsync(db, site, cancellation);
        var filtered = ContentPosts.Filtered(db, options.Filter, catalog, isPages);
        var total = await filtered.CountAsync(cancellation);
        var ids = await ContentPosts.Ordered(filtered, options.Order)
            .Skip((options.Page - 1) * options.Limit).Take(options.Limit).Select(a => a.Id).ToListAsync(cancellation);
        var posts = await ContentPosts.LoadAsync(db, ids, catalog, cancellation);
        return Answer(new JsonObject
        {
            [resource] = new JsonArray([.. posts.Select(p => (JsonNode)GhostJson.Post(p, options, site))]),
            ["meta"] = Meta(options, total),
        });
    }

    private static async Task<IResult> ReadPostAsync(HttpContext http, MastheadDb db, SitePages pages, bool isPages,
        System.Linq.Expressions.Expression<Func<Articles.Article, bool>> which, CancellationToken cancellation)
    {
        var options = BrowseOptions.Read(http.Request.Query, isPages ? "pages" : "posts");
        var id = await Articles.ArticleQueries.Published(db).Where(a => a.IsPage == isPages).Where(which).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellation);
        if (id is null) return NotFound(isPages ? "page" : "post");
        var site = await pages.SiteAsync(cancellation);
        var catalog = await GhostCatalog.LoadAsync(db, site, cancellation);
        var post = (await ContentPosts.LoadAsync(db, [id.Value], catalog, cancellation)).Single();
        return Answer(new JsonObject { [isPages ? "pages" : "posts"] = new JsonArray(GhostJson.Post(post, options, site)) });
    }

    /// <summary>Tags browse, or read when <paramref name="one"/> picks a tag (then 404 when it picks none).</summary>
    private static async Task<IResult> BrowseTagsAsync(HttpContext http, MastheadDb db, SitePages pages, Func<GhostTag, bool>? one,
        CancellationToken cancellation)
    {
        var options = BrowseOptions.Read(http.Request.Query, "tags");
        var site = await pages.SiteAsync(cancellation);
        var catalog = await GhostCatalog.LoadAsync(db, site, cancellation);
        var counts = options.Includes("count.posts") || Mentions(options.Filter, "count.posts")
            ? await GhostCatalog.PostsPerTermAsync(db, cancellation) : null;
        int? Count(GhostTag t) => counts is null ? null : counts.GetValueOrDefault(t.TermId);
        string? Field(GhostTag t, string key) => key switch
        {
            "id" => t.Id, "slug" => t.Slug, "name" => t.Name, "visibility" => "public", "description" => null,
            "vocabulary" or "vocabulary.slug" => t.VocabularySlug, "vocabulary.name" => t.VocabularyName,
            "count.posts" => Count(t)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new NqlError($"tags cannot be filtered by '{key}'"),
        };
        var tags = FilterAndOrder(catalog.Tags, one, options, "tags", Field, t => t.Name);
        if (one is not null)
            return tags.Count == 0 ? NotFound("tag") : Answer(new JsonObject { ["tags"] = new JsonArray(GhostJson.Tag(tags[0], Count(tags[0]), options.Fields)) });
        return Answer(new JsonObject
        {
            ["tags"] = new JsonArray([.. Page(tags, options).Select(t => (JsonNode)GhostJson.Tag(t, Count(t), options.Fields))]),
            ["meta"] = Meta(options, tags.Count),
        });
    }

    private static async Task<IResult> BrowseAuthorsAsync(HttpContext http, MastheadDb db, SitePages pages, Func<GhostAuthor, bool>? one,
        CancellationToken cancellation)
    {
        var options = BrowseOptions.Read(http.Request.Query, "authors");
        var site = await pages.SiteAsync(cancellation);
        var catalog = await GhostCatalog.LoadAsync(db, site, cancellation);
        var counts = options.Includes("count.posts") || Mentions(options.Filter, "count.posts")
            ? await GhostCatalog.PostsPerPersonAsync(db, cancellation) : null;
        int? Count(GhostAuthor a) => counts is null ? null : counts.GetValueOrDefault(a.PersonId);
        string? Field(GhostAuthor a, string key) => key switch
        {
            "id" => a.Id, "slug" => a.Slug, "name" => a.Name, "bio" => a.Bio, "profile_image" => a.ProfileImage,
            "count.posts" => Count(a)?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new NqlError($"authors cannot be filtered by '{key}'"),
        };
        var authors = FilterAndOrder(catalog.Authors, one, options, "authors", Field, a => a.Name);
        if (one is not null)
            return authors.Count == 0 ? NotFound("author") : Answer(new JsonObject { ["authors"] = new JsonArray(GhostJson.Author(authors[0], Count(authors[0]), options.Fields)) });
        return Answer(new JsonObject
        {
            ["authors"] = new JsonArray([.. Page(authors, options).Select(a => (JsonNode)GhostJson.Author(a, Count(a), options.Fields))]),
            ["meta"] = Meta(options, authors.Count),
        });
    }

    /// <summary>Filter and order in memory (tags and authors are few), by name unless an order says otherwise.</summary>
    private static List<T> FilterAndOrder<T>(IEnumerable<T> all, Func<T, bool>? one, BrowseOptions options, string resource,
        Func<T, string, string?> field, Func<T, string> name)
    {
        var items = one is null ? all : all.Where(one);
        if (options.Filter is { } filter)
        {
            try { items = items.Where(item => NqlMatch.Matches(filter, key => field(item, key))).ToList(); }
            catch (NqlError error) { throw BrowseOptions.BadFilter(resource, error); }
        }
        IOrderedEnumerable<T>? ordered = null;
        foreach (var (key, descending) in options.Order)
        {
            if (key == "count.posts" && !options.Includes("count.posts"))
                throw new GhostRequestError(400, "BadRequestError", $"Request not understood error, cannot list {resource}.", "order by count.posts needs include=count.posts");
            Func<T, IComparable?> by = key == "count.posts"
                ? item => int.Parse(field(item, key) ?? "0", System.Globalization.CultureInfo.InvariantCulture)
                : item => field(item, key) ?? "";
            ordered = ordered is null
                ? descending ? items.OrderByDescending(by) : items.OrderBy(by)
                : descending ? ordered.ThenByDescending(by) : ordered.ThenBy(by);
        }
        return (ordered ?? items.OrderBy(name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private static IEnumerable<T> Page<T>(List<T> items, BrowseOptions options) =>
        items.Skip((options.Page - 1) * options.Limit).Take(options.Limit);

    private static bool Mentions(NqlNode? node, string key) => node switch
    {
        NqlAnd and => and.Parts.Any(p => Mentions(p, key)),
        NqlOr or => or.Parts.Any(p => Mentions(p, key)),
        NqlCompare c => c.Key == key,
        _ => false,
    };

    private static JsonObject Meta(BrowseOptions options, int total)
    {
        var pages = Math.Max(1, (total + options.Limit - 1) / options.Limit);
        return new JsonObject
        {
            ["pagination"] = new JsonObject
            {
                ["page"] = options.Page, ["limit"] = options.Limit, ["pages"] = pages, ["total"] = total,
                ["next"] = options.Page < pages ? options.Page + 1 : null, ["prev"] = options.Page > 1 ? options.Page - 1 : null,
            },
        };
    }

    private static IResult Answer(JsonObject body) => Results.Text(body.ToJsonString(Json), "application/json", System.Text.Encoding.UTF8);

    private static IResult NotFound(string what) =>
        Error(404, "NotFoundError", $"Resource not found error, cannot read {what}.", null, null);

    private static IResult Error(int status, string type, string message, string? context, string? code, string? help = null) =>
        Results.Text(new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = message, ["context"] = context, ["type"] = type, ["details"] = null, ["property"] = null,
                ["help"] = help, ["code"] = code, ["id"] = Guid.NewGuid().ToString(), ["ghostErrorCode"] = null,
            }),
        }.ToJsonString(Json), "application/json", System.Text.Encoding.UTF8, status);
}
