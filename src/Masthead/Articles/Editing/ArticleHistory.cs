using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Articles.Editing;

/// <summary>Every save of an article: a full snapshot (JSON of <see cref="ArticleSnapshot"/>), who saved it and why.</summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; }
    public int? StaffId { get; set; }
    public string? StaffName { get; set; }
    /// <summary>What happened: "Saved", "Submitted for review", "Published", "Restored revision 3", "Correction added"…</summary>
    public required string Action { get; set; }
    public required string Snapshot { get; set; }
}

public enum NoteKind { Correction = 0, Update = 1 }

/// <summary>A dated correction or update shown under a published article. Changing one is recorded as a revision.</summary>
public sealed class ArticleNote
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public NoteKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTime At { get; set; }
    public DateTime? AmendedAt { get; set; }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        revision.Property(r => r.Action).HasMaxLength(200);
        revision.Property(r => r.StaffName).HasMaxLength(300);
    }
}
