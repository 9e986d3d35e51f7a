using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Staff;

/// <summary>Roles as Ghost and WordPress name them; a lower number may do more.</summary>
public enum StaffRole { Owner = 0, Administrator = 1, Editor = 2, Author = 3, Contributor = 4 }

/// <summary>Someone who logs in to the back office. Distinct from a byline (<see cref="Authors.Person"/>), but may be linked to one.</summary>
public sealed class StaffMember
{
    public int Id { get; set; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public StaffRole Role { get; set; }
    /// <summary>Null until an invited member has chosen a password.</summary>
    public string? PasswordHash { get; set; }
    /// <summary>Changes when the password or role changes, which signs out every cookie issued before.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    /// <summary>SHA-256 of the one-time invitation token, while the invitation is open.</summary>
    public string? InviteTokenHash { get; set; }
    public DateTime? InviteExpiresAt { get; set; }
    /// <summary>SHA-256 of the one-time password-reset token, while a reset is open.</summary>
    public string? ResetTokenHash { get; set; }
    public DateTime? ResetExpiresAt { get; set; }
    public int? PersonId { get; set; }
    public Authors.Person? Person { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Mail about new comments on their articles (off by the link in such a mail).</summary>
    public bool CommentMail { get; set; } = true;
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> staff)
    {
        staff.ToTable("Staff");
        staff.HasIndex(s => s.Email).IsUnique();
        staff.HasIndex(s => s.InviteTokenHash).IsUnique();
        staff.HasIndex(s => s.ResetTokenHash).IsUnique();
        staff.Property(s => s.Email).HasMaxLength(320);
        staff.Property(s => s.Name).HasMaxLength(300);
        staff.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
