using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Comments;

/// <summary>A comment as an import or an archive brings it. <see cref="Parent"/> is the index of its parent in the same list.</summary>
public sealed record IncomingComment(string? SourceId, int ArticleId, string AuthorName, string? AuthorEmail, string? AuthorUrl,
    string BodyHtml, DateTime CreatedAt, CommentStatus Status, int? Parent);

/// <summary>
/// The one writer of comments: imports and the archive restore bring them here (the comments feature will add its
/// own writes). A comment with a source id already in the store is updated, not added again. Names stay text.
/// </summary>
public sealed class CommentsEditor(MastheadDb db)
{
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
