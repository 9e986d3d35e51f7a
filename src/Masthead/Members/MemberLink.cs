using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Members;

public enum LinkPurpose { SignUp = 0, SignIn = 1, EmailChange = 2 }

/// <summary>
/// A one-time link mailed to a reader. Only its SHA-256 is kept; it works once (<see cref="UsedAt"/> is set in the
/// same statement that checks it) and until <see cref="ExpiresAt"/>. A sign-up's details wait here, so no account
/// exists until its address is confirmed.
/// </summary>
public sealed class MemberLink
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public LinkPurpose Purpose { get; set; }
    /// <summary>The address the link was sent to: the new member's, the signing-in member's, or the new address.</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    /// <summary>Newsletter ids chosen on the sign-up form, separated by spaces.</summary>
    public string? NewsletterIds { get; set; }
    public int? MemberId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    /// <summary>Where the reader was when they asked (an article), to go back to after.</summary>
    public string? ReturnPath { get; set; }
}

internal sealed class MemberLinkConfiguration : IEntityTypeConfiguration<MemberLink>
{
    public void Configure(EntityTypeBuilder<MemberLink> link)
    {
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.ExpiresAt);
        link.Property(l => l.Email).HasMaxLength(320);
        link.Property(l => l.Name).HasMaxLength(300);
        link.Property(l => l.ReturnPath).HasMaxLength(500);
    }
}
