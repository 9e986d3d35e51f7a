using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Members;

/// <summary>What a member holds: the one free tier, or a paid tier staff define (Ghost's tiers).</summary>
public sealed class Tier
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsFree { get; set; }
    /// <summary>Prices in the currency's smallest unit, as shown on the sign-up page; the payment provider charges them.</summary>
    public int MonthlyPrice { get; set; }
    public int YearlyPrice { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>Archived tiers are kept for the members who hold them but offered to nobody.</summary>
    public bool Active { get; set; } = true;
    public int Position { get; set; }
}

internal sealed class TierConfiguration : IEntityTypeConfiguration<Tier>
{
    public void Configure(EntityTypeBuilder<Tier> tier)
    {
        tier.HasIndex(t => t.Slug).IsUnique();
        tier.Property(t => t.Slug).HasMaxLength(200);
        tier.Property(t => t.Name).HasMaxLength(200);
        tier.Property(t => t.Currency).HasMaxLength(3);
    }
}
