namespace Masthead.Taxonomy;

/// <summary>A site's own way of classifying articles: Region, Theme, In-depth Report… None is built in.</summary>
public sealed class Vocabulary
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
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
}
