using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
    /// <summary>Moves on every save; a save made from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("People");
        person.HasIndex(p => p.Slug).IsUnique();
        person.Property(p => p.Slug).HasMaxLength(200);
        person.Property(p => p.Name).HasMaxLength(300);
    }
}
