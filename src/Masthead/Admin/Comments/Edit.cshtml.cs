using Masthead.Comments;
using Masthead.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Comments;

/// <summary>One comment: its text corrected by a moderator, or answered as the publication.</summary>
public sealed class EditModel(MastheadDb db, CommentsEditor comments) : BackOfficePage(db)
{
    public Comment? Comment { get; private set; }
    public string? ArticleHeadline { get; private set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Reply { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Body = Comment!.BodyText ?? Publishing.Body.PlainText.Fold(System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Replace(Comment.BodyHtml, "</p>\\s*<p>", "\n\n", System.Text.RegularExpressions.RegexOptions.NonBacktracking)
                .Replace("<br>", "\n")));
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        Comment = await comments.Moderated(await MeAsync()).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (Comment is null) return false;
        ArticleHeadline = await Db.Articles.Where(a => a.Id == Comment.ArticleId).Select(a => a.Headline).SingleAsync();
        return true;
    }

    public async Task<IActionResult> OnPostAsync(int id) =>
        await ShowAsync(id, await comments.EditAsync(id, Body, await MeAsync()), nameof(Body), "Comment saved.");

    public async Task<IActionResult> OnPostReplyAsync(int id) =>
        await ShowAsync(id, await comments.ReplyAsync(id, Reply, await MeAsync()), nameof(Reply), "Reply published.");

    /// <summary>Back to the queue where the comment now is, or this page again with what was typed and why it was refused.</summary>
    private async Task<IActionResult> ShowAsync(int id, Outcome<Comment> outcome, string field, string done)
    {
        if (outcome.Refusal is { Kind: RefusalKind.NotFound }) return NotFound();
        if (outcome.Refusal is { } refusal)
        {
            ShowErrors(refusal.Errors.ToDictionary(_ => field, e => e.Value));
            await LoadAsync(id);
            return Page();
        }
        Flash = done;
        return Redirect($"/admin/comments?status={outcome.Value!.Status}");
    }
}
