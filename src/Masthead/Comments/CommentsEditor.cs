using Masthead.Data;
using Masthead.Publishing.Body;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Comments;

/// <summary>A comment as an import or an archive brings it. <see cref="Parent"/> is the index of its parent in the same list.</summary>
public sealed record IncomingComment(string? SourceId, int ArticleId, string AuthorName, string? AuthorEmail, string? AuthorUrl,
    string BodyHtml, DateTime CreatedAt, CommentStatus Status, int? Parent, string? BodyText = null, string? HeldFor = null, int Flags = 0,
    bool NotifyReplies = false, DateTime? EditedAt = null, int? MemberId = null);

/// <summary>What the comment form posts; shown again as typed when refused.</summary>
public sealed record CommentForm(string? Body, string? Name, string? Email, string? Url, int? ReplyTo, bool NotifyReplies = false);

/// <summary>Who is commenting on the site: a signed-in member, or a stranger known by what they type.</summary>
public sealed record Commenter(int? MemberId, string? MemberName, string? MemberEmail);

public enum ModerationAction { Approve, Pending, Spam, Trash, Delete }

/// <summary>
/// The one writer of comments: readers' comments (with the hold rules), staff moderation, edits and the publication's
/// replies, and what imports and the archive restore bring. Text a person typed stays text (<see cref="CommentText"/>).
/// </summary>
public sealed class CommentsEditor(MastheadDb db, TimeProvider clock, IEnumerable<CommentMail> mail)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Outcome<Comment>> PostAsync(CommentThreads.Target article, CommentsMode mode, CommentForm form, Commenter who,
        CancellationToken cancellation = default)
    {
        if (mode == CommentsMode.Closed) return Refusal.Forbidden("Comments are closed on this article.");
        if (mode == CommentsMode.Members && who.MemberId is null) return Refusal.Forbidden("Only members can comment here: sign in first.");

        var errors = new Dictionary<string, string>();
        var text = CommentText.Normalize(form.Body);
        if (text.Length == 0) errors["body"] = "Write your comment first.";
        else if (text.Length > CommentText.MaxLength) errors["body"] = $"Keep your comment under {CommentText.MaxLength:N0} characters (it has {text.Length:N0}).";
        var name = who.MemberId is null ? PlainText.TrimmedOrNull(form.Name) : who.MemberName ?? who.MemberEmail!.Split('@')[0];
        var email = who.MemberId is null ? PlainText.TrimmedOrNull(form.Email)?.ToLowerInvariant() : who.MemberEmail;
        if (who.MemberId is null)
        {
            if (name is null) errors["name"] = "Give a name to show with your comment.";
            else if (name.Length > 100) errors["name"] = "Keep the name under 100 characters.";
            if (email is null || !MimeKit.MailboxAddress.TryParse(email, out var parsed) || parsed.Address != email || !email.Contains('@'))
                errors["email"] = "Give your email address (it is not shown).";
            if (PlainText.TrimmedOrNull(form.Url) is { } url && CommentThreads.SafeUrl(url) is null)
                errors["url"] = "Give your website's full address, starting with http:// or https://, or leave it empty.";
        }
        if (form.ReplyTo is { } parent && !await db.Comments.AnyAsync(c => c.Id == parent && c.ArticleId == article.Id && c.Status == CommentStatus.Approved, cancellation))
            errors["body"] = "The comment you are replying to is no longer there.";
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var mine = db.Comments.Where(c => who.MemberId != null ? c.MemberId == who.MemberId : c.AuthorEmail == email);
        if (await mine.AnyAsync(c => c.ArticleId == article.Id && c.BodyText == text && c.Status != CommentStatus.Trash, cancellation))
            return Refusal.Invalid("body", "You have already said that on this article.");

        var comment = new Comment
        {
            ArticleId = article.Id, ParentId = form.ReplyTo, AuthorName = name!, AuthorEmail = email, AuthorUrl = who.MemberId is null ? CommentThreads.SafeUrl(form.Url) : null,
            MemberId = who.MemberId, BodyText = text, BodyHtml = CommentText.ToHtml(text), CreatedAt = Now, NotifyReplies = form.NotifyReplies,
        };
        comment.HeldFor = await HoldReasonAsync(text, mine, cancellation);
        comment.Status = comment.HeldFor is null ? CommentStatus.Approved : CommentStatus.Pending;
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellation);
        foreach (var letters in mail)
        {
            await letters.PostedAsync(comment, cancellation);
            if (comment.Status == CommentStatus.Approved) await letters.ApprovedReplyAsync(comment, cancellation);
        }
        return comment;
    }

    /// <summary>
    /// A commenter's change to their own comment while <paramref name="window"/> lasts: a member's by their account, a
    /// stranger's by the ids this browser posted (<paramref name="posted"/>, from a signed cookie). The new text meets the
    /// hold rules again; deleting moves it to the trash, where moderators still see it.
    /// </summary>
    public async Task<Outcome<Comment>> ChangeOwnAsync(int id, string? body, bool delete, Commenter who, IReadOnlyCollection<int> posted, TimeSpan window,
        CancellationToken cancellation = default)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id && c.Status != CommentStatus.Trash && c.Status != CommentStatus.Spam, cancellation);
        if (comment is null) return Refusal.NotFound("That comment is gone.");
        if (ChangeRefused(comment, who, posted, window, Now) is { } refused) return Refusal.Forbidden(refused);
        if (delete) comment.Status = CommentStatus.Trash;
        else
        {
            var text = CommentText.Normalize(body);
            if (text.Length == 0 || text.Length > CommentText.MaxLength) return Refusal.Invalid("body", $"A comment has 1 to {CommentText.MaxLength:N0} characters.");
            (comment.BodyText, comment.BodyHtml, comment.EditedAt) = (text, CommentText.ToHtml(text), Now);
            var mine = db.Comments.Where(c => c.Id != comment.Id && (who.MemberId != null ? c.MemberId == who.MemberId : c.AuthorEmail == comment.AuthorEmail));
            if (await HoldReasonAsync(text, mine, cancellation) is { } reason && comment.Status == CommentStatus.Approved
                && !reason.StartsWith("first comment", StringComparison.Ordinal))
                (comment.Status, comment.HeldFor) = (CommentStatus.Pending, reason);
        }
        await db.SaveChangesAsync(cancellation);
        return comment;
    }

    /// <summary>Why this commenter may not change this comment now (someone else's, a staff reply, too late), or null when they may.</summary>
    public static string? ChangeRefused(Comment comment, Commenter who, IReadOnlyCollection<int> posted, TimeSpan window, DateTime now)
    {
        var own = who.MemberId is { } member ? comment.MemberId == member : comment.MemberId is null && posted.Contains(comment.Id);
        if (!own || comment.StaffId is not null) return "Only the person who wrote a comment can change it, from the browser they wrote it in.";
        return comment.CreatedAt + window < now
            ? $"Comments can be changed for {window.TotalMinutes:0} minutes after they are posted; this one can no longer be."
            : null;
    }

    /// <summary>A reader's report that a comment is out of place: counted for the moderators, nothing readers see changes.</summary>
    public async Task<bool> FlagAsync(int id, CancellationToken cancellation = default) =>
        await db.Comments.Where(c => c.Id == id && c.Status == CommentStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Flags, c => c.Flags + 1), cancellation) > 0;

    /// <summary>The site's hold rules, first that applies: blocked words, too many links, a first comment.</summary>
    private async Task<string?> HoldReasonAsync(string text, IQueryable<Comment> mine, CancellationToken cancellation)
    {
        var rules = await db.SiteSettings.AsNoTracking()
            .Select(s => new { s.CommentsHoldFirst, s.CommentsMaxLinks, s.CommentsBlockedWords }).SingleAsync(cancellation);
        foreach (var word in (rules.CommentsBlockedWords ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase)) return $"contains a blocked word (“{word}”)";
        if (CommentText.LinkCount(text) is var links && links > rules.CommentsMaxLinks) return $"{links} links (more than {rules.CommentsMaxLinks})";
        if (rules.CommentsHoldFirst && !await mine.AnyAsync(c => c.Status == CommentStatus.Approved, cancellation)) return "first comment from this address";
        return null;
    }

    /// <summary>Editors moderate every comment, authors those on their own articles, contributors none.</summary>
    public IQueryable<Comment> Moderated(StaffMember staff)
    {
        if (Permissions.Allows(staff.Role, Permissions.ManageContent)) return db.Comments;
        if (staff.Role != StaffRole.Author) return db.Comments.Where(_ => false);
        return db.Comments.Where(c => db.Articles.Any(a => a.Id == c.ArticleId
            && (a.CreatedById == staff.Id || (staff.PersonId != null && a.Bylines.Any(b => b.PersonId == staff.PersonId)))));
    }

    /// <summary>Approves, holds, marks as spam, trashes or deletes the comments this person may moderate; returns how many.</summary>
    public async Task<Outcome<int>> ModerateAsync(IReadOnlyCollection<int> ids, ModerationAction action, StaffMember staff, CancellationToken cancellation = default)
    {
        var comments = await Moderated(staff).Where(c => ids.Contains(c.Id)).ToListAsync(cancellation);
        if (comments.Count < ids.Count) return Refusal.Forbidden("Some of those comments are not yours to moderate, or are gone.");
        var approvedNow = comments.Where(c => c.Status != CommentStatus.Approved && action == ModerationAction.Approve).ToList();
        foreach (var comment in comments)
        {
            if (action == ModerationAction.Delete) db.Comments.Remove(comment);
            else
            {
                comment.Status = action switch
                {
                    ModerationAction.Approve => CommentStatus.Approved, ModerationAction.Spam => CommentStatus.Spam,
                    ModerationAction.Trash => CommentStatus.Trash, _ => CommentStatus.Pending,
                };
                if (comment.Status == CommentStatus.Approved) comment.HeldFor = null;
            }
        }
        await db.SaveChangesAsync(cancellation);
        foreach (var letters in mail)
            foreach (var comment in approvedNow) await letters.ApprovedReplyAsync(comment, cancellation);
        return comments.Count;
    }

    /// <summary>A moderator's edit of the text (a typo, a name): the comment stays text.</summary>
    public async Task<Outcome<Comment>> EditAsync(int id, string? body, StaffMember staff, CancellationToken cancellation = default)
    {
        var comment = await Moderated(staff).SingleOrDefaultAsync(c => c.Id == id, cancellation);
        if (comment is null) return Refusal.NotFound("That comment is gone, or not yours to moderate.");
        var text = CommentText.Normalize(body);
        if (text.Length == 0 || text.Length > CommentText.MaxLength) return Refusal.Invalid("body", $"A comment has 1 to {CommentText.MaxLength:N0} characters.");
        (comment.BodyText, comment.BodyHtml, comment.EditedAt) = (text, CommentText.ToHtml(text), Now);
        await db.SaveChangesAsync(cancellation);
        return comment;
    }

    /// <summary>The publication's reply to a comment: approved at once, marked as staff's.</summary>
    public async Task<Outcome<Comment>> ReplyAsync(int parentId, string? body, StaffMember staff, CancellationToken cancellation = default)
    {
        var parent = await Moderated(staff).AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId, cancellation);
        if (parent is null) return Refusal.NotFound("That comment is gone, or not yours to moderate.");
        var text = CommentText.Normalize(body);
        if (text.Length == 0 || text.Length > CommentText.MaxLength) return Refusal.Invalid("reply", $"A reply has 1 to {CommentText.MaxLength:N0} characters.");
        var reply = new Comment
        {
            ArticleId = parent.ArticleId, ParentId = parent.Id, AuthorName = staff.Name, AuthorEmail = staff.Email, StaffId = staff.Id,
            BodyText = text, BodyHtml = CommentText.ToHtml(text), CreatedAt = Now, Status = CommentStatus.Approved,
        };
        db.Comments.Add(reply);
        await db.SaveChangesAsync(cancellation);
        foreach (var letters in mail) await letters.ApprovedReplyAsync(reply, cancellation);
        return reply;
    }

    /// <param name="keepOrder">Saves one by one, so that ids follow the list's order (the archive restore's round trip).</param>
    public async Task<IReadOnlyList<Comment>> ImportAsync(IReadOnlyList<IncomingComment> incoming, bool keepOrder = false,
        CancellationToken cancellation = default)
    {
        var sourceIds = incoming.Where(i => i.SourceId is not null).Select(i => i.SourceId!).ToList();
        var existing = sourceIds.Count == 0 ? [] : await db.Comments.Where(c => sourceIds.Contains(c.SourceId!)).ToDictionaryAsync(c => c.SourceId!, cancellation);
        var saved = new List<Comment>(incoming.Count);
        foreach (var i in incoming)
        {
            if (i.SourceId is null || !existing.TryGetValue(i.SourceId, out var comment))
                db.Comments.Add(comment = new Comment { SourceId = i.SourceId, AuthorName = "", BodyHtml = "" });
            comment.ArticleId = i.ArticleId;
            comment.AuthorName = i.AuthorName.Trim() is { Length: > 0 } name ? name : "Anonymous";
            (comment.AuthorEmail, comment.AuthorUrl, comment.BodyHtml, comment.CreatedAt, comment.Status) =
                (i.AuthorEmail, i.AuthorUrl, i.BodyHtml, i.CreatedAt, i.Status);
            (comment.BodyText, comment.HeldFor, comment.Flags, comment.NotifyReplies, comment.EditedAt, comment.MemberId) =
                (i.BodyText, i.HeldFor, i.Flags, i.NotifyReplies, i.EditedAt, i.MemberId);
            saved.Add(comment);
            if (keepOrder) await db.SaveChangesAsync(cancellation);
        }
        await db.SaveChangesAsync(cancellation);
        foreach (var (i, index) in incoming.Select((i, index) => (i, index)))
            saved[index].ParentId = i.Parent is { } parent ? saved[parent].Id : null;
        await db.SaveChangesAsync(cancellation);
        return saved;
    }
}
