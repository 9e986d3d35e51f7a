using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Comments;

/// <summary>Pending until a moderator approves it; spam and trash are kept out of sight, not deleted.</summary>
public enum CommentStatus { Pending = 0, Approved = 1, Spam = 2, Trash = 3 }

/// <summary>
/// A reader's comment on an article, threaded by <see cref="ParentId"/>. Imports bring them in now (WordPress keeps them
/// with their threading and approval state); the comments feature shows and moderates them.
/// </summary>
public sealed class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int? ParentId { get; set; }
    public required string AuthorName { get; set; }
    public string? AuthorEmail { get; set; }
    public string? AuthorUrl { get; set; }
    /// <summary>Sanitized HTML.</summary>
    public required string BodyHtml { get; set; }
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
    }
}
