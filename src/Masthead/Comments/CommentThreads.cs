using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Masthead.Publishing.Theme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Masthead.Comments;

/// <summary>One comment as the theme shows it, with its replies.</summary>
public sealed record CommentView(int Id, string AuthorName, string? AuthorUrl, bool ByPublication, string BodyHtml, string AtIso, string AtDisplay,
    string Permalink, string ReplyUrl, bool Pending, int Depth, bool CanReply, IReadOnlyList<CommentView> Replies)
{
    public string FlagUrl { get; init; } = "";
    /// <summary>Set on a member's own page for their comments still open to change.</summary>
    public string? EditUrl { get; init; }
}

/// <summary>
/// The comments of an article as the theme shows them: whether and to whom they are open, the approved count, one page
/// of threads (oldest or newest first), and the addresses of the form, the next page and the feed.
/// </summary>
public sealed record CommentsView(string Mode, bool Open, string? ClosedReason, int Count, IReadOnlyList<CommentView> Threads, string Order,
    string WriteUrl, string? MoreUrl, string FeedUrl, string SignInUrl);

/// <summary>The comments' read side: who may comment on an article now, and its threads.</summary>
public sealed class CommentThreads(MastheadDb db, IOptions<CommentsOptions> options, TimeProvider clock, Articles.ArticleCache cache)
{
    private readonly CommentsOptions settings = options.Value;

    /// <summary>The article's own setting, else the site's; closed once the site's number of days after publication has passed.</summary>
    public (CommentsMode Mode, string? ClosedReason) Effective(CommentsMode? article, SiteView site, DateTime? publishedAt) =>
        Effective(article, site, publishedAt, clock.GetUtcNow().UtcDateTime);

    public static (CommentsMode Mode, string? ClosedReason) Effective(CommentsMode? article, SiteView site, DateTime? publishedAt, DateTime now)
    {
        var mode = article ?? site.CommentsMode;
        if (mode == CommentsMode.Closed) return (mode, "Comments are closed on this article.");
        if (site.CommentsCloseAfterDays > 0 && publishedAt is { } at && at.AddDays(site.CommentsCloseAfterDays) < now)
            return (CommentsMode.Closed, $"Comments close {site.CommentsCloseAfterDays} days after publication.");
        return (mode, null);
    }

    public sealed record Target(int Id, string Slug, string Headline, DateTime? PublishedAt, CommentsMode? Mode);

    /// <summary>A published article, by its address, as comments need it.</summary>
    public Task<Target?> ArticleAsync(string slug, CancellationToken cancellation) =>
        Articles.ArticleQueries.Published(db).Where(a => a.Slug == slug)
            .Select(a => new Target(a.Id, a.Slug, a.Headline, a.PublishedAt, a.CommentsMode)).SingleOrDefaultAsync(cancellation);

    /// <param name="memberId">The reader, who also sees their own comments awaiting moderation.</param>
    public async Task<CommentsView> LoadAsync(Target article, SiteView site, int? memberId, int page, bool newest, CancellationToken cancellation)
    {
        var (mode, closed) = Effective(article.Mode, site, article.PublishedAt);
        // Approved comments are the same for every reader until a publication event (approving, editing or removing one
        // is one); a member's own comments awaiting moderation are theirs alone.
        var rows = await cache.KeptAsync(("approved comments", article.Id), async () => await RowsAsync(article.Id, null, cancellation),
            approved => approved.Sum(r => 200L + 2 * (r.BodyHtml.Length + r.AuthorName.Length))) ?? [];
        if (memberId is { } member)
            rows = [.. rows.Concat(await RowsAsync(article.Id, member, cancellation)).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)];
        var shown = rows.Select(r => r.Id).ToHashSet();
        // A reply whose parent is not shown (held, spam) stands on its own.
        var children = rows.Where(r => r.ParentId is { } p && shown.Contains(p)).ToLookup(r => r.ParentId!.Value);
        var roots = rows.Where(r => r.ParentId is not { } p || !shown.Contains(p)).ToList();
        if (newest) roots.Reverse();
        var path = SiteRoutes.Article(article.Slug);
        var editableSince = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(settings.EditMinutes);
        var editable = rows.Where(r => memberId is not null && r.MemberId == memberId && r.CreatedAt > editableSince).Select(r => r.Id).ToHashSet();

        List<CommentView> Replies(int parent, int depth)
        {
            // Below the deepest level, replies line up at that level (as WordPress shows them).
            var list = new List<CommentView>();
            foreach (var r in children[parent])
            {
                var deeper = Replies(r.Id, Math.Min(depth + 1, settings.MaxDepth));
                var view = Make(r.Id, r.AuthorName, r.AuthorUrl, r.ByPublication, r.BodyHtml, r.CreatedAt, r.Status, depth, depth < settings.MaxDepth ? [.. deeper] : []);
                list.Add(view);
                if (depth >= settings.MaxDepth) list.AddRange(deeper);
            }
            return list;
        }

        CommentView Make(int id, string name, string? url, bool staff, string html, DateTime at, CommentStatus status, int depth, List<CommentView> replies) =>
            new(id, name, SafeUrl(url), staff, html, SiteDates.Iso(at, site.Zone), SiteDates.Display(at, site.Zone), $"{path}#comment-{id}",
                $"{path}comments/new?replyto={id}", status == CommentStatus.Pending, depth, mode != CommentsMode.Closed && depth < settings.MaxDepth, replies)
            {
                FlagUrl = $"{path}comments/{id}/flag",
                EditUrl = editable.Contains(id) ? $"{path}comments/{id}/edit" : null,
            };

        var onPage = roots.Skip((page - 1) * settings.ThreadsPerPage).Take(settings.ThreadsPerPage)
            .Select(r => Make(r.Id, r.AuthorName, r.AuthorUrl, r.ByPublication, r.BodyHtml, r.CreatedAt, r.Status, 1, Replies(r.Id, 2))).ToList();
        var more = roots.Count > page * settings.ThreadsPerPage ? $"{path}comments/?page={page + 1}{(newest ? "&order=newest" : "")}" : null;
        return new CommentsView(mode.ToString().ToLowerInvariant(), mode != CommentsMode.Closed, closed, rows.Count(r => r.Status == CommentStatus.Approved),
            onPage, newest ? "newest" : "oldest", $"{path}comments/new", more, $"{path}comments/feed/", $"/members/signin?return={Uri.EscapeDataString(path)}");
    }

    private sealed record Row(int Id, int? ParentId, string AuthorName, string? AuthorUrl, bool ByPublication, string BodyHtml, DateTime CreatedAt,
        CommentStatus Status, int? MemberId);

    /// <summary>The article's approved comments, or with a member, that member's awaiting moderation; oldest first.</summary>
    private async Task<List<Row>> RowsAsync(int articleId, int? pendingOf, CancellationToken cancellation) =>
        await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && (pendingOf == null ? c.Status == CommentStatus.Approved : c.MemberId == pendingOf && c.Status == CommentStatus.Pending))
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new Row(c.Id, c.ParentId, c.AuthorName, c.AuthorUrl, c.StaffId != null, c.BodyHtml, c.CreatedAt, c.Status, c.MemberId))
            .ToListAsync(cancellation);

    /// <summary>A commenter's web address is shown only when it is an absolute http(s) address.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
