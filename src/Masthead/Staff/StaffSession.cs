using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Staff;

/// <summary>
/// One signed-in browser. The cookie names it (by a random token, stored here as its SHA-256); logging out deletes the
/// row, so the cookie stops working everywhere at once, even a copy of it.
/// </summary>
public sealed class StaffSession
{
    public int Id { get; set; }
    public int StaffId { get; set; }
    public StaffMember Staff { get; set; } = null!;
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A wrong password, kept for <see cref="LoginThrottle.Window"/>: who tried (the client) and for which address.</summary>
public sealed class LoginFailure
{
    public long Id { get; set; }
    public required string Client { get; set; }
    public required string Email { get; set; }
    public DateTime At { get; set; }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>, IEntityTypeConfiguration<LoginFailure>
{
    public void Configure(EntityTypeBuilder<StaffSession> session)
    {
        session.ToTable("StaffSessions");
        session.HasIndex(s => s.TokenHash).IsUnique();
        session.Property(s => s.TokenHash).HasMaxLength(64);
        session.HasOne(s => s.Staff).WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LoginFailure> failure)
    {
        failure.ToTable("LoginFailures");
        failure.HasIndex(f => new { f.Client, f.At });
        failure.HasIndex(f => f.At);
        failure.Property(f => f.Client).HasMaxLength(64);
        failure.Property(f => f.Email).HasMaxLength(320);
    }
}
