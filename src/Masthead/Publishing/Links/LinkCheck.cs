using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Publishing.Links;

/// <summary>The last answer the background checker got for one http(s) URL found in a body.</summary>
public sealed class LinkCheck
{
    public int Id { get; set; }
    public required string Url { get; set; }
    public required string Host { get; set; }
    public DateTime? CheckedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? RedirectTo { get; set; }
    public string? Error { get; set; }

    public bool IsBroken => CheckedAt is not null && (Error is not null || StatusCode >= 400);
}

internal sealed class LinkCheckConfiguration : IEntityTypeConfiguration<LinkCheck>
{
    public void Configure(EntityTypeBuilder<LinkCheck> check)
    {
        check.HasIndex(c => c.Url).IsUnique();
        check.Property(c => c.Url).HasMaxLength(2000);
        check.Property(c => c.Host).HasMaxLength(300);
        check.Property(c => c.RedirectTo).HasMaxLength(2000);
        check.Property(c => c.Error).HasMaxLength(500);
    }
}
