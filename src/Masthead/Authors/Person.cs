namespace Masthead.Authors;

/// <summary>Someone who appears in bylines. A byline is a person, not a login.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Bio { get; set; }
    public string? BioHtml { get; set; }
    public string? Photo { get; set; }
}
