using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Comments;

/// <summary>Pending until a moderator approves it; spam and trash are kept out of sight, not deleted.</summary>
public enum CommentStatus { Pending = 0, Approved = 1, Spam = 2, Trash = 3 }

/// <summary>Who may comment: nobody, signed-in members (Ghost), or anyone giving a name and an address (WordPress).</summary>
public enum CommentsMode { Closed = 0, Members = 1, Anyone = 2 }

/// <summary>
/// A reader's comment on an article, threaded by <see cref="ParentId"/>: written on the site (as text), or brought by an
/// import (WordPress keeps them with their threading and approval state, as sanitized HTML).
/// </summary>
public sealed class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int? ParentId { get; set; }
    public required string AuthorName { get; set; }
    public string? AuthorEmail { get; set; }
    public string? AuthorUrl { get; set; }
    /// <summary>Sanitized HTML; for a comment written here, made from <see cref="BodyText"/>.</summary>
    public required string BodyHtml { get; set; }
    /// <summary>What the commenter typed, kept as text (null for imported comments).</summary>
    public string? BodyText { get; set; }
    public int? MemberId { get; set; }
    /// <summary>Set when staff wrote it: shown as the publication's reply.</summary>
    public int? StaffId { get; set; }
    /// <summary>Why it waits for a moderator ("first comment from this address"), shown in the queue.</summary>
    public string? HeldFor { get; set; }
    public DateTime? EditedAt { get; set; }
    /// <summary>How many times readers flagged it.</summary>
    public int Flags { get; set; }
    /// <summary>The commenter asked to be mailed replies to it.</summary>
    public bool NotifyReplies { get; set; }
    public DateTime CreatedAt { get; set; }
    public CommentStatus Status { get; set; }
    /// <summary>Where an import took it from ("wp:comment:12"), so that a re-import updates it.</summary>
    public string? SourceId { get; set; }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.HasOne<Articles.Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.SetNull);
        comment.HasIndex(c => new { c.ArticleId, c.Status, c.CreatedAt });
        comment.HasIndex(c => c.SourceId).IsUnique();
        comment.Property(c => c.AuthorName).HasMaxLength(300);
        comment.Property(c => c.AuthorEmail).HasMaxLength(320);
        comment.Property(c => c.AuthorUrl).HasMaxLength(2000);
        comment.Property(c => c.SourceId).HasMaxLength(300);
        comment.Property(c => c.HeldFor).HasMaxLength(300);
        comment.HasIndex(c => new { c.Status, c.CreatedAt });
        comment.HasIndex(c => c.AuthorEmail);
        comment.HasOne<Members.Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.SetNull);
        comment.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.SetNull);
    }
}
