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
        CommentFormView form, IReadOnlyList<FieldError> errors, CancellationToken cancellation, int status = StatusCodes.Status200OK, bool held = false)
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
            ["mode"] = mode.ToString().ToLowerInvariant(), ["closed_reason"] = closed, ["held"] = held,
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
        if (comment.Status != CommentStatus.Approved)
            return wantsJson
                ? Results.Json(new { state = "held", id = comment.Id, message = "Your comment awaits moderation. It appears once a moderator approves it." }, statusCode: StatusCodes.Status202Accepted)
                : await ShowFormAsync(http, pages, threads, readers, article, typed, [], cancellation, StatusCodes.Status202Accepted, held: true);
        if (!wantsJson) return Results.Redirect($"{path}?comment={comment.Id}#comment-{comment.Id}");
        var site = await pages.SiteAsync(cancellation);
        var view = (await threads.LoadAsync(article, site, member?.Id, 1, newest: false, cancellation)).Threads
            .SelectMany(Flatten).FirstOrDefault(c => c.Id == comment.Id);
        var html = view is null ? "" : await theme.RenderAsync("_comment", new Dictionary<string, object?> { ["comment"] = view, ["site"] = site });
        return Results.Json(new { state = "approved", id = comment.Id, html, permalink = $"{path}#comment-{comment.Id}" }, statusCode: StatusCodes.Status201Created);
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
            r.CreatedAt, r.CreatedAt, [new FeedAuthor(r.AuthorName, "")], [], Publishing.Body.PlainText.Fold(System.Net.WebUtility.HtmlDecode(
                System.Text.RegularExpressions.Regex.Replace(r.BodyHtml, "<[^>]*>", " ", System.Text.RegularExpressions.RegexOptions.NonBacktracking))), r.BodyHtml, null)).ToList();
        var feedPath = pagePath == "/" ? "/comments/feed/" : pagePath + "comments/feed/";
        var feed = new Feed(title, title, site.Absolute(pagePath), site.Absolute(feedPath), site.Absolute(feedPath), items.Select(i => i.Updated).DefaultIfEmpty(DateTime.UnixEpoch).Max(), items);
        return Results.Bytes(FeedWriter.Rss(feed), "application/rss+xml; charset=utf-8");
    }

    /// <summary>A comment's feed id: the same on every request, different on every site.</summary>
    private static Guid Guid(SiteView site, int id) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"{site.BaseUrl}/comment/{id}")).AsSpan(0, 16));
}
