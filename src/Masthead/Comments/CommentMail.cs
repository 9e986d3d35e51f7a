using System.Globalization;
using Masthead.Data;
using Masthead.Mail;
using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Comments;

/// <summary>
/// Mail about comments: the article's authors hear of each new one (to read or moderate), a commenter who asked hears
/// of replies once they are approved. Each mail ends with a signed link that stops that kind of mail without signing in.
/// Registered by the web site only; the command line's imports mail nobody.
/// </summary>
public sealed class CommentMail(MailQueue mail, MastheadDb db, SiteAddress address, IDataProtectionProvider protection)
{
    public static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("Masthead.Comments.Unsubscribe");

    private string Unsubscribe(string what) => address.Absolute("/comments/unsubscribe/" + Protector(protection).Protect(what));

    public async Task PostedAsync(Comment comment, CancellationToken cancellation)
    {
        if (!mail.IsConfigured) return;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == comment.ArticleId)
            .Select(a => new { a.Headline, a.Slug, a.CreatedById, People = a.Bylines.Select(b => b.PersonId).ToList() }).SingleAsync(cancellation);
        var authors = await db.Staff.AsNoTracking()
            .Where(s => s.CommentMail && s.PasswordHash != null && (s.Id == article.CreatedById || (s.PersonId != null && article.People.Contains(s.PersonId.Value))))
            .ToListAsync(cancellation);
        var site = await SiteNameAsync(cancellation);
        foreach (var author in authors.Where(a => a.Email != comment.AuthorEmail))
        {
            var held = comment.Status != CommentStatus.Approved;
            var message = Letters.WithLink(author.Email, author.Name, $"{(held ? "A comment awaits moderation" : "New comment")} on “{article.Headline}”", site,
                [$"{comment.AuthorName} wrote:", comment.BodyText ?? "", held ? $"It is held: {comment.HeldFor}." : "It is on the site now."],
                held ? "Moderate it" : "Read it", held ? address.Absolute($"/admin/comments?status=Pending&article={comment.ArticleId}") : address.Absolute($"{SiteRoutes.Article(article.Slug)}#comment-{comment.Id}"),
                $"To stop mail about comments on your articles: {Unsubscribe("staff:" + author.Id.ToString(CultureInfo.InvariantCulture))}");
            AddUnsubscribeHeaders(message, Unsubscribe("staff:" + author.Id.ToString(CultureInfo.InvariantCulture)));
            mail.Enqueue(message);
        }
    }

    /// <summary>Tells the author of the comment answered, if they asked and it is not their own reply.</summary>
    public async Task ApprovedReplyAsync(Comment reply, CancellationToken cancellation)
    {
        if (!mail.IsConfigured || reply.ParentId is not { } parentId) return;
        var parent = await db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId, cancellation);
        if (parent is not { NotifyReplies: true, AuthorEmail: { } to } || to == reply.AuthorEmail) return;
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == reply.ArticleId).Select(a => new { a.Headline, a.Slug }).SingleAsync(cancellation);
        var site = await SiteNameAsync(cancellation);
        var stop = Unsubscribe("comment:" + parent.Id.ToString(CultureInfo.InvariantCulture));
        var message = Letters.WithLink(to, parent.AuthorName, $"{reply.AuthorName} replied to your comment on “{article.Headline}”", site,
            [$"{reply.AuthorName} wrote:", reply.BodyText ?? ""], "Read the reply", address.Absolute($"{SiteRoutes.Article(article.Slug)}#comment-{reply.Id}"),
            $"To stop mail about replies to your comments: {stop}");
        AddUnsubscribeHeaders(message, stop);
        mail.Enqueue(message);
    }

    private static void AddUnsubscribeHeaders(MimeKit.MimeMessage message, string url)
    {
        message.Headers.Add("List-Unsubscribe", $"<{url}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    /// <summary>Acts on a signed unsubscribe: a staff member's comment mail, or replies to every comment of that address. False when the link is not ours.</summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellation)
    {
        string what;
        try { what = Protector(protection).Unprotect(token); }
        catch (System.Security.Cryptography.CryptographicException) { return false; }
        var (kind, id) = what.Split(':') is [var k, var v] && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? (k, n) : ("", 0);
        if (kind == "staff")
            await db.Staff.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CommentMail, false), cancellation);
        else if (kind == "comment" && await db.Comments.Where(c => c.Id == id).Select(c => c.AuthorEmail).SingleOrDefaultAsync(cancellation) is { } email)
            await db.Comments.Where(c => c.AuthorEmail == email).ExecuteUpdateAsync(s => s.SetProperty(x => x.NotifyReplies, false), cancellation);
        else return false;
        return true;
    }

    private async Task<string> SiteNameAsync(CancellationToken cancellation) =>
        await db.SiteSettings.AsNoTracking().Select(s => s.Name).SingleOrDefaultAsync(cancellation) is { Length: > 0 } name ? name : "Masthead";
}
