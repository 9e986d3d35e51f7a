using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Members;

/// <summary>A reader with an account: signed up by confirming their address, signed in by one-time links, never a password.</summary>
public sealed class Member
{
    public int Id { get; set; }
    /// <summary>Names the member outside the store: unsubscribe links, exports.</summary>
    public Guid Uuid { get; set; } = Guid.NewGuid();
    /// <summary>Lower case, trimmed: one account per address.</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    /// <summary>Staff's own note (Ghost's <c>note</c>), never shown to the member.</summary>
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The tier held; the free tier when null.</summary>
    public int? TierId { get; set; }
    public Tier? Tier { get; set; }
    /// <summary>A paid tier granted by staff by hand (Ghost's comped members): the "complimentary" payment provider.</summary>
    public bool Complimentary { get; set; }
    /// <summary>The payment provider's customer id (Ghost's <c>stripe_customer_id</c>), kept through imports and exports.</summary>
    public string? PaymentCustomerId { get; set; }
    /// <summary>Set when the mail server refused the address for good (5xx): newsletters skip it until staff clear it.</summary>
    public DateTime? BouncedAt { get; set; }
    public string? BounceReason { get; set; }
    /// <summary>Moves when the email changes or the account is signed out everywhere, which ends every cookie issued before.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    /// <summary>Moves on every save; a staff save made from an older one is refused (<see cref="Data.ConcurrencyVersions"/>).</summary>
    public uint Version { get; set; }
    public List<Label> Labels { get; } = [];
    public List<Newsletters.Newsletter> Newsletters { get; } = [];
}

/// <summary>Staff's tag on members ("press", "donor 2025"), for filters and sends.</summary>
public sealed class Label
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.HasIndex(m => m.Email).IsUnique();
        member.HasIndex(m => m.Uuid).IsUnique();
        member.Property(m => m.Email).HasMaxLength(320);
        member.Property(m => m.Name).HasMaxLength(300);
        member.HasOne(m => m.Tier).WithMany().HasForeignKey(m => m.TierId).OnDelete(DeleteBehavior.SetNull);
        member.HasMany(m => m.Labels).WithMany().UsingEntity("MemberLabels");
        member.HasMany(m => m.Newsletters).WithMany().UsingEntity("NewsletterSubscriptions");
    }
}

internal sealed class LabelConfiguration : IEntityTypeConfiguration<Label>
{
    public void Configure(EntityTypeBuilder<Label> label)
    {
        label.HasIndex(l => l.Slug).IsUnique();
        label.Property(l => l.Name).HasMaxLength(200);
        label.Property(l => l.Slug).HasMaxLength(200);
    }
}
