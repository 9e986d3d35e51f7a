using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Masthead.Data;
using Masthead.Feeds;
using Masthead.Members;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Comments;

/// <summary>The form as the theme shows it again: what was typed, and the comment being answered.</summary>
public sealed record CommentFormView(string? Body, string? Name, string? Email, string? Url, int? ReplyTo, bool NotifyReplies);

/// <summary>The article a comment page is about, and the comment being answered, as the theme sees them.</summary>
public sealed record CommentTarget(string Headline, string Url);
public sealed record ReplyingTo(string AuthorName, string BodyHtml);

/// <summary>Per client address, and per commenter (address or member): how many comments an hour.</summary>
public sealed class CommentLimits(IOptions<CommentsOptions> options)
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.StartsWith("client:", StringComparison.Ordinal) ? options.Value.PerClientPerHour : options.Value.PerCommenterPerHour,
            Window = TimeSpan.FromHours(1), QueueLimit = 0,
        }));

    public bool TryTake(string client, string commenter)
    {
        using var byClient = limiter.AttemptAcquire("client:" + client);
        if (!byClient.IsAcquired) return false;
        using var byCommenter = limiter.AttemptAcquire("who:" + commenter);
        return byCommenter.IsAcquired;
    }
}

/// <summary>
/// Comments on the public site. The article page is shared-cacheable, so it carries no form token: "Write a comment"
/// leads to the form's own page (private, with its antiforgery token and the time it was shown), which the theme's
/// script fetches and shows in place. A post answers with a redirect back to the comment (or the page saying it awaits
/// moderation), or, asked for JSON by the script, with the comment to insert.
/// </summary>
public static class CommentEndpoints
{
    /// <summary>The field a person never sees.</summary>
    public const string Honeypot = "website";

    /// <summary>The comments this browser posted, signed: how a stranger without an account may change their own for a while.</summary>
    public const string PostedCookie = "masthead-comments";

    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddMastheadOptions<CommentsOptions>(CommentsOptions.Section);
        services.AddScoped<CommentThreads>();
        services.AddSingleton<CommentLimits>();
        services.AddScoped<CommentMail>();
        return services;
    }

    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{slug}/comments/new", FormPageAsync);
        routes.MapPost("/{slug}/comments/new", PostAsync);
        routes.MapGet("/{slug}/comments/", MoreAsync);
        routes.MapGet("/{slug}/comments/{id:int}/edit", (string slug, int id, HttpContext http, CancellationToken c) => ChangeAsync(slug, id, http, post: false, c));
        routes.MapPost("/{slug}/comments/{id:int}/edit", (string slug, int id, HttpContext http, CancellationToken c) => ChangeAsync(slug, id, http, post: true, c));
        routes.MapGet("/{slug}/comments/{id:int}/flag", (string slug, int id, HttpContext http, CancellationToken c) => FlagAsync(slug, id, http, post: false, c));
        routes.MapPost("/{slug}/comments/{id:int}/flag", (string slug, int id, HttpContext http, CancellationToken c) => FlagAsync(slug, id, http, post: true, c));
        routes.MapGet("/{slug}/comments/feed/", ArticleFeedAsync);
        routes.MapGet("/comments/feed/", SiteFeedAsync);
        routes.MapGet("/comments/unsubscribe/{token}", (string token, SitePages pages, CancellationToken c) =>
            pages.RenderAsync("comments-unsubscribe", "Stop comment mail", new() { ["token"] = token, ["done"] = false }, c));
        // The signature is the proof, as for newsletters: no cookie, so no antiforgery token; mail programs post here for one click.
        routes.MapPost("/comments/unsubscribe/{token}", async (string token, SitePages pages, CommentMail mail, CancellationToken c) =>
            await mail.UnsubscribeAsync(token, c)
                ? await pages.RenderAsync("comments-unsubscribe", "Comment mail stopped", new() { ["done"] = true }, c)
                : await pages.NotFoundAsync(c)).DisableAntiforgery();
        return routes;
    }

    private static DateTime Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static IDataProtector Stamp(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("Masthead.Comments.FormShown");

    private static async Task<IResult> FormPageAsync(string slug, int? replyto, HttpContext http, SitePages pages, CommentThreads threads, Readers readers,
        CancellationToken cancellation)
    {
        if (await threads.ArticleAsync(slug, cancellation) is not { } article) return await pages.NotFoundAsync(cancellation);
        return await ShowFormAsync(http, pages, threads, readers, article, new CommentFormView(null, null, null, null, replyto, false), [], cancellation);
    }

    private static async Task<IResult> ShowFormAsync(HttpContext http, SitePages pages, CommentThreads threads, Readers readers, CommentThreads.Target article,
        CommentFormView form, IReadOnlyList<FieldError> errors, CancellationToken cancellation, int status = StatusCodes.Status200OK, bool held = false,
        string? editUrl = null)
    {
        var site = await pages.SiteAsync(cancellation);
        var (mode, closed) = threads.Effective(article.Mode, site, article.PublishedAt);
        var member = await readers.MemberAsync(cancellation);
        var replyingTo = form.ReplyTo is { } parent
            ? await http.RequestServices.GetRequiredService<MastheadDb>().Comments.AsNoTracking()
                .Where(c => c.Id == parent && c.ArticleId == article.Id && c.Status == CommentStatus.Approved)
                .Select(c => new { c.AuthorName, c.BodyHtml }).SingleOrDefaultAsync(cancellation)
            : null;
        http.Response.Headers.CacheControl = "private, no-store";
        return await pages.RenderAsync("comment-form", "Comment on " + article.Headline, new()
        {
            ["article"] = new CommentTarget(article.Headline, SiteRoutes.Article(article.Slug)),
            ["mode"] = mode.ToString().ToLowerInvariant(), ["closed_reason"] = closed, ["held"] = held, ["edit_url"] = editUrl,
            ["needs_sign_in"] = mode == CommentsMode.Members && member is null,
            ["sign_in_url"] = $"/members/signin?return={Uri.EscapeDataString(SiteRoutes.Article(article.Slug) + "comments/new")}",
            ["action"] = SiteRoutes.Article(article.Slug) + "comments/new",
            ["replying_to"] = replyingTo is null ? null : new ReplyingTo(replyingTo.AuthorName, replyingTo.BodyHtml),
            ["form"] = form, ["errors"] = errors, ["antiforgery"] = MemberEndpoints.Token(http),
            ["shown"] = Stamp(http).Protect(Now(http).Ticks.ToString(CultureInfo.InvariantCulture)),
        }, cancellation, statusCode: status);
    }

    private static async Task<IResult> PostAsync(string slug, HttpContext http, SitePages pages, CommentThreads threads, CommentsEditor editor, Readers readers,
        IAntiforgery antiforgery, CommentLimits limits, IOptions<CommentsOptions> options, ThemeRenderer theme, CancellationToken cancellation)
    {
        if (await threads.ArticleAsync(slug, cancellation) is not { } article) return await pages.NotFoundAsync(cancellation);
        var posted = await http.Request.ReadFormAsync(cancellation);
        var typed = new CommentFormView(posted["body"], posted["name"], posted["email"], posted["url"],
            int.TryParse(posted["replyto"], CultureInfo.InvariantCulture, out var parent) ? parent : null, posted["notify"] == "true");
        var wantsJson = http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

        async Task<IResult> Refuse(int status, params FieldError[] errors) => wantsJson
            ? Results.Json(new { state = "refused", errors = errors.Select(e => new { field = e.Field, message = e.Message }) }, statusCode: status)
            : await ShowFormAsync(http, pages, threads, readers, article, typed, errors, cancellation, status);

        if (!await antiforgery.IsRequestValidAsync(http))
            return await Refuse(StatusCodes.Status400BadRequest, new FieldError("", "The form had expired. Your comment is still here: send it again."));
        var member = await readers.MemberAsync(cancellation);
        // A program filling every field is told its comment awaits moderation; nothing is kept.
        if (!string.IsNullOrEmpty(posted[Honeypot]))
            return wantsJson ? Results.Json(new { state = "held", message = "Your comment awaits moderation." }, statusCode: StatusCodes.Status202Accepted)
                : await ShowFormAsync(http, pages, threads, readers, article, typed, [], cancellation, StatusCodes.Status202Accepted, held: true);
        if (!ShownLongEnough(http, posted["shown"], options.Value.MinSecondsToWrite))
            return await Refuse(StatusCodes.Status400BadRequest, new FieldError("", "That was quicker than anyone types. Your comment is still here: read it over and send it again."));
        var commenter = member?.Id.ToString(CultureInfo.InvariantCulture) ?? (typed.Email ?? "").Trim().ToLowerInvariant();
        if (!limits.TryTake(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", commenter))
            return await Refuse(StatusCodes.Status429TooManyRequests, new FieldError("", "You have sent many comments in the last hour. Your comment is still here: wait a while, then send it again."));

        var (mode, _) = threads.Effective(article.Mode, await pages.SiteAsync(cancellation), article.PublishedAt);
        var outcome = await editor.PostAsync(article, mode, new CommentForm(typed.Body, typed.Name, typed.Email, typed.Url, typed.ReplyTo, typed.NotifyReplies),
            new Commenter(member?.Id, member?.Name, member?.Email), cancellation);
        if (outcome.Refusal is { } refusal)
            return await Refuse(refusal.Kind == RefusalKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, [.. MemberEndpoints.Errors(refusal)]);

        var comment = outcome.Value!;
        var path = SiteRoutes.Article(article.Slug);
        if (member is null) RememberPosted(http, comment.Id, TimeSpan.FromMinutes(options.Value.EditMinutes));
        if (comment.Status != CommentStatus.Approved)
            return wantsJson
                ? Results.Json(new { state = "held", id = comment.Id, message = "Your comment awaits moderation. It appears once a moderator approves it.",
                    edit_url = $"{path}comments/{comment.Id}/edit" }, statusCode: StatusCodes.Status202Accepted)
                : await ShowFormAsync(http, pages, threads, readers, article, typed, [], cancellation, StatusCodes.Status202Accepted, held: true, editUrl: $"{path}comments/{comment.Id}/edit");
        if (!wantsJson) return Results.Redirect($"{path}?comment={comment.Id}#comment-{comment.Id}");
        var site = await pages.SiteAsync(cancellation);
        var view = (await threads.LoadAsync(article, site, member?.Id, 1, newest: false, cancellation)).Threads
            .SelectMany(Flatten).FirstOrDefault(c => c.Id == comment.Id);
        var html = view is null ? "" : await theme.RenderAsync("_comment", new Dictionary<string, object?> { ["comment"] = view, ["site"] = site });
        return Results.Json(new { state = "approved", id = comment.Id, html, permalink = $"{path}#comment-{comment.Id}", edit_url = $"{path}comments/{comment.Id}/edit" },
            statusCode: StatusCodes.Status201Created);
    }

    private static IDataProtector PostedProtector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("Masthead.Comments.Posted");

    public static IReadOnlyList<int> PostedIds(HttpContext http)
    {
        if (http.Request.Cookies[PostedCookie] is not { Length: > 0 } cookie) return [];
        try
        {
            return PostedProtector(http).Unprotect(cookie).Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
        }
        catch (CryptographicException) { return []; }
    }

    private static void RememberPosted(HttpContext http, int id, TimeSpan window)
    {
        var ids = PostedIds(http).Append(id).TakeLast(20);
        http.Response.Cookies.Append(PostedCookie, PostedProtector(http).Protect(string.Join(',', ids)), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/", MaxAge = window + TimeSpan.FromMinutes(1),
        });
    }

    /// <summary>A commenter's own comment, changed or deleted while the window lasts; anyone else is refused.</summary>
    private static async Task<IResult> ChangeAsync(string slug, int id, HttpContext http, bool post, CancellationToken cancellation)
    {
        var services = http.RequestServices;
        var (pages, threads, readers) = (services.GetRequiredService<SitePages>(), services.GetRequiredService<CommentThreads>(), services.GetRequiredService<Readers>());
        if (await threads.ArticleAsync(slug, cancellation) is not { } article) return await pages.NotFoundAsync(cancellation);
        var comment = await services.GetRequiredService<MastheadDb>().Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.ArticleId == article.Id, cancellation);
        if (comment is null) return await pages.NotFoundAsync(cancellation);
        var window = TimeSpan.FromMinutes(services.GetRequiredService<IOptions<CommentsOptions>>().Value.EditMinutes);
        var member = await readers.MemberAsync(cancellation);
        var who = new Commenter(member?.Id, member?.Name, member?.Email);
        var target = new CommentTarget(article.Headline, SiteRoutes.Article(article.Slug));
        var editor = services.GetRequiredService<CommentsEditor>();
        var values = new Dictionary<string, object?> { ["article"] = target, ["action"] = $"{target.Url}comments/{id}/edit", ["errors"] = Array.Empty<FieldError>() };
        http.Response.Headers.CacheControl = "private, no-store";

        string? body = comment.BodyText;
        if (post)
        {
            if (!await services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)) return Results.BadRequest();
            var form = await http.Request.ReadFormAsync(cancellation);
            body = form["body"];
            var delete = form["change"] == "delete";
            var outcome = await editor.ChangeOwnAsync(id, body, delete, who, PostedIds(http), window, cancellation);
            if (outcome.Value is { } changed)
            {
                if (delete) values["message"] = "Your comment is deleted.";
                else if (changed.Status == CommentStatus.Approved) return Results.Redirect($"{target.Url}?comment={id}#comment-{id}");
                else values["message"] = $"Your changed comment awaits moderation ({changed.HeldFor}).";
                return await pages.RenderAsync("comment-edit", "Your comment", values, cancellation);
            }
            if (outcome.Refusal is { Kind: RefusalKind.Invalid } invalid)
            {
                (values["body"], values["errors"], values["antiforgery"]) = (body, MemberEndpoints.Errors(invalid), MemberEndpoints.Token(http));
                values["until"] = (comment.CreatedAt + window).ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
                return await pages.RenderAsync("comment-edit", "Your comment", values, cancellation, statusCode: StatusCodes.Status400BadRequest);
            }
            values["message"] = outcome.Refusal!.Message;
            return await pages.RenderAsync("comment-edit", "Your comment", values, cancellation, statusCode: StatusCodes.Status403Forbidden);
        }

        if (comment.Status is CommentStatus.Trash or CommentStatus.Spam) return await pages.NotFoundAsync(cancellation);
        if (CommentsEditor.ChangeRefused(comment, who, PostedIds(http), window, Now(http)) is { } refused)
        {
            values["message"] = refused;
            return await pages.RenderAsync("comment-edit", "Your comment", values, cancellation, statusCode: StatusCodes.Status403Forbidden);
        }
        (values["body"], values["antiforgery"]) = (body ?? "", MemberEndpoints.Token(http));
        values["until"] = (comment.CreatedAt + window).ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return await pages.RenderAsync("comment-edit", "Your comment", values, cancellation);
    }

    /// <summary>Any reader may flag an approved comment for the moderators (limited like posting, per client address).</summary>
    private static async Task<IResult> FlagAsync(string slug, int id, HttpContext http, bool post, CancellationToken cancellation)
    {
        var services = http.RequestServices;
        var (pages, threads) = (services.GetRequiredService<SitePages>(), services.GetRequiredService<CommentThreads>());
        if (await threads.ArticleAsync(slug, cancellation) is not { } article) return await pages.NotFoundAsync(cancellation);
        var comment = await services.GetRequiredService<MastheadDb>().Comments.AsNoTracking()
            .Where(c => c.Id == id && c.ArticleId == article.Id && c.Status == CommentStatus.Approved)
            .Select(c => new ReplyingTo(c.AuthorName, c.BodyHtml)).SingleOrDefaultAsync(cancellation);
        if (comment is null) return await pages.NotFoundAsync(cancellation);
        http.Response.Headers.CacheControl = "private, no-store";
        var target = new CommentTarget(article.Headline, SiteRoutes.Article(article.Slug));
        var values = new Dictionary<string, object?> { ["article"] = target, ["action"] = $"{target.Url}comments/{id}/flag", ["replying_to"] = comment, ["done"] = post };
        if (!post)
        {
            values["antiforgery"] = MemberEndpoints.Token(http);
            return await pages.RenderAsync("comment-flag", "Flag a comment", values, cancellation);
        }
        if (!await services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)) return Results.BadRequest();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!services.GetRequiredService<CommentLimits>().TryTake(client, "flags:" + client)) return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        await services.GetRequiredService<CommentsEditor>().FlagAsync(id, cancellation);
        return await pages.RenderAsync("comment-flag", "Comment flagged", values, cancellation);
    }

    private static IEnumerable<CommentView> Flatten(CommentView comment) => comment.Replies.SelectMany(Flatten).Prepend(comment);

    private static bool ShownLongEnough(HttpContext http, string? shown, int seconds)
    {
        try
        {
            var at = new DateTime(long.Parse(Stamp(http).Unprotect(shown ?? ""), CultureInfo.InvariantCulture), DateTimeKind.Utc);
            return Now(http) - at >= TimeSpan.FromSeconds(seconds);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException) { return false; }
    }

    /// <summary>The next page of an article's threads ("load more"), a page of its own without the script.</summary>
    private static async Task<IResult> MoreAsync(string slug, int? page, string? order, HttpContext http, SitePages pages, CommentThreads threads, Readers readers,
        CancellationToken cancellation)
    {
        if (await threads.ArticleAsync(slug, cancellation) is not { } article || page is < 1) return await pages.NotFoundAsync(cancellation);
        var site = await pages.SiteAsync(cancellation);
        var comments = await threads.LoadAsync(article, site, (await readers.MemberAsync(cancellation))?.Id, page ?? 1, order == "newest", cancellation);
        if (comments.Threads.Count == 0 && page > 1) return await pages.NotFoundAsync(cancellation);
        Events.CacheKeys.Tag(http, [Events.CacheKeys.Article(article.Id)]);
        return await pages.RenderAsync("comments-page", "Comments on " + article.Headline, new()
        {
            ["article"] = new CommentTarget(article.Headline, SiteRoutes.Article(article.Slug)), ["comments"] = comments,
        }, cancellation);
    }

    private static async Task<IResult> ArticleFeedAsync(string slug, HttpContext http, SitePages pages, CommentThreads threads, MastheadDb db, CancellationToken cancellation)
    {
        if (await threads.ArticleAsync(slug, cancellation) is not { } article) return await pages.NotFoundAsync(cancellation);
        Events.CacheKeys.Tag(http, [Events.CacheKeys.Article(article.Id), Events.CacheKeys.Comments]);
        var site = await pages.SiteAsync(cancellation);
        return await FeedAsync(db, site, $"Comments on: {article.Headline}", SiteRoutes.Article(article.Slug), db.Comments.Where(c => c.ArticleId == article.Id), cancellation);
    }

    private static async Task<IResult> SiteFeedAsync(HttpContext http, SitePages pages, MastheadDb db, CancellationToken cancellation)
    {
        Events.CacheKeys.Tag(http, [Events.CacheKeys.Comments]);
        var site = await pages.SiteAsync(cancellation);
        return await FeedAsync(db, site, $"Comments for {site.Name}", "/", db.Comments, cancellation);
    }

    private static async Task<IResult> FeedAsync(MastheadDb db, SiteView site, string title, string pagePath, IQueryable<Comment> comments, CancellationToken cancellation)
    {
        var published = Articles.ArticleQueries.Published(db);
        var rows = await comments.Where(c => c.Status == CommentStatus.Approved)
            .Join(published, c => c.ArticleId, a => a.Id, (c, a) => new { c.Id, c.AuthorName, c.BodyHtml, c.CreatedAt, a.Slug, a.Headline })
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(50).ToListAsync(cancellation);
        var items = rows.Select(r => new FeedItem(Guid(site, r.Id), $"Comment on {r.Headline} by {r.AuthorName}", site.Absolute($"{SiteRoutes.Article(r.Slug)}#comment-{r.Id}"),
            r.CreatedAt, r.CreatedAt, [new FeedAuthor(r.AuthorName, "")], [], Publishing.Body.PlainText.FromHtml(r.BodyHtml), r.BodyHtml, null)).ToList();
        var feedPath = pagePath == "/" ? "/comments/feed/" : pagePath + "comments/feed/";
        var feed = new Feed(title, title, site.Absolute(pagePath), site.Absolute(feedPath), site.Absolute(feedPath), items.Select(i => i.Updated).DefaultIfEmpty(DateTime.UnixEpoch).Max(), items);
        return Results.Bytes(FeedWriter.Rss(feed), "application/rss+xml; charset=utf-8");
    }

    /// <summary>A comment's feed id: the same on every request, different on every site.</summary>
    private static Guid Guid(SiteView site, int id) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"{site.BaseUrl}/comment/{id}")).AsSpan(0, 16));
}
