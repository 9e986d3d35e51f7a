using Masthead.Comments;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Comments;

public sealed record CommentRow(int Id, string AuthorName, string? AuthorEmail, bool ByPublication, string BodyHtml, string? BodyText, CommentStatus Status,
    string? HeldFor, int Flags, DateTime CreatedAt, int ArticleId, string ArticleHeadline, string ArticleSlug);

/// <summary>
/// The moderation queue: pending, approved, spam and trash, filtered by article and by author; approve, hold, spam,
/// trash or delete one or many; edit and reply. Editors see every comment, authors those on their own articles.
/// </summary>
public sealed class IndexModel(MastheadDb db, CommentsEditor comments) : BackOfficePage(db)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public CommentStatus Status { get; set; } = CommentStatus.Pending;
    [BindProperty(SupportsGet = true)] public int? Article { get; set; }
    [BindProperty(SupportsGet = true)] public string? Author { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CommentRow> Rows { get; private set; } = [];
    public Dictionary<CommentStatus, int> Counts { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync()
    {
        var mine = comments.Moderated(await MeAsync()).AsNoTracking();
        Counts = await mine.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var shown = mine.Where(c => c.Status == Status);
        if (Article is { } article) shown = shown.Where(c => c.ArticleId == article);
        if (Masthead.Publishing.Body.PlainText.TrimmedOrNull(Author) is { } author)
        {
            var pattern = "%" + author.ToLowerInvariant().Replace("%", "").Replace("_", "") + "%";
            shown = shown.Where(c => EF.Functions.Like(c.AuthorName.ToLower(), pattern) || (c.AuthorEmail != null && EF.Functions.Like(c.AuthorEmail, pattern)));
        }
        Total = await shown.CountAsync();
        PageNumber = Math.Max(1, PageNumber);
        Rows = await shown.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(Db.Articles, c => c.ArticleId, a => a.Id, (c, a) => new CommentRow(c.Id, c.AuthorName, c.AuthorEmail, c.StaffId != null, c.BodyHtml, c.BodyText,
                c.Status, c.HeldFor, c.Flags, c.CreatedAt, a.Id, a.Headline, a.Slug))
            .ToListAsync();
    }

    /// <summary>One action on the ticked comments, or on the one whose button was pressed ("Approve:12").</summary>
    public async Task<IActionResult> OnPostModerateAsync(List<int> ids, ModerationAction action, string? one)
    {
        if (one?.Split(':') is [var verb, var id] && Enum.TryParse<ModerationAction>(verb, out var single) && int.TryParse(id, out var commentId))
            (ids, action) = ([commentId], single);
        if (ids.Count == 0) Flash = "Tick the comments to act on first.";
        else
        {
            var outcome = await comments.ModerateAsync(ids, action, await MeAsync());
            if (outcome.Refusal is { Kind: RefusalKind.Forbidden }) return Forbid();
            Flash = $"{outcome.Value} comment{(outcome.Value == 1 ? "" : "s")} {Done(action)}.";
        }
        return Redirect($"/admin/comments?status={Status}" + (Article is { } a ? $"&article={a}" : "") + (Author is { Length: > 0 } ? $"&author={Uri.EscapeDataString(Author)}" : ""));
    }

    private static string Done(ModerationAction action) => action switch
    {
        ModerationAction.Approve => "approved", ModerationAction.Pending => "held for moderation", ModerationAction.Spam => "marked as spam",
        ModerationAction.Trash => "moved to the trash", _ => "deleted",
    };
}
