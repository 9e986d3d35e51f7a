using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles.Editing;

/// <summary>
/// What one person last typed into the editor for one article (or a new one), saved every few seconds of typing and on
/// leaving the page. Never public, never a revision, never the live copy: the editor offers it back when reopened.
/// </summary>
public sealed class ArticleDraft
{
    public int Id { get; set; }
    public int StaffId { get; set; }
    /// <summary>Null for an article not saved yet.</summary>
    public int? ArticleId { get; set; }
    /// <summary>The <see cref="ArticleForm"/> as JSON.</summary>
    public required string Form { get; set; }
    public DateTime SavedAt { get; set; }
}

internal sealed class ArticleDraftConfiguration : IEntityTypeConfiguration<ArticleDraft>
{
    public void Configure(EntityTypeBuilder<ArticleDraft> draft)
    {
        draft.ToTable("ArticleDrafts");
        draft.HasIndex(d => new { d.StaffId, d.ArticleId }).IsUnique();
        draft.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Cascade);
        draft.HasOne<Article>().WithMany().HasForeignKey(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
