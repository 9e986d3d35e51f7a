using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Publishing.Addresses;

/// <summary>An old public path that now lives elsewhere (a renamed term, vocabulary, person or article): answered with 301.</summary>
public sealed class Redirect
{
    public int Id { get; set; }
    public required string FromPath { get; set; }
    public required string ToPath { get; set; }
}

internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> redirect)
    {
        redirect.HasIndex(r => r.FromPath).IsUnique();
        redirect.Property(r => r.FromPath).HasMaxLength(500);
        redirect.Property(r => r.ToPath).HasMaxLength(500);
    }
}
