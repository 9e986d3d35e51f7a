using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Taxonomy;

/// <summary>A site's own way of classifying articles: Region, Theme, In-depth Report… None is built in.</summary>
public sealed class Vocabulary
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
    /// <summary>Moves on every save; a save made from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }
    public List<Term> Terms { get; } = [];
}

public sealed class Term
{
    public int Id { get; set; }
    public int VocabularyId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    /// <summary>The broader term of the same vocabulary (WordPress's parent category), or null at the top.</summary>
    public int? ParentId { get; set; }
    public Vocabulary Vocabulary { get; set; } = null!;
    /// <summary>Moves on every save; a save made from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }
}

internal sealed class TaxonomyConfiguration : IEntityTypeConfiguration<Vocabulary>, IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Vocabulary> vocabulary)
    {
        vocabulary.HasIndex(v => v.Slug).IsUnique();
        vocabulary.Property(v => v.Slug).HasMaxLength(100);
        vocabulary.Property(v => v.Name).HasMaxLength(100);
        vocabulary.HasMany(v => v.Terms).WithOne(t => t.Vocabulary).HasForeignKey(t => t.VocabularyId);
    }

    public void Configure(EntityTypeBuilder<Term> term)
    {
        term.HasIndex(t => new { t.VocabularyId, t.Slug }).IsUnique();
        term.Property(t => t.Slug).HasMaxLength(200);
        term.Property(t => t.Name).HasMaxLength(300);
        term.HasOne<Term>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.SetNull);
    }
}
