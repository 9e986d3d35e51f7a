using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Newsletters;

/// <summary>A list members choose to receive ("The Daily", "Weekend Reads"), with its own sender name and reply-to.</summary>
public sealed class Newsletter
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The name on the From line (the address is Masthead:Mail:From's); the site's name when empty.</summary>
    public string? SenderName { get; set; }
    public string? ReplyTo { get; set; }
    /// <summary>Ticked on the sign-up form.</summary>
    public bool SubscribeOnSignUp { get; set; } = true;
    public bool Active { get; set; } = true;
    public int Position { get; set; }
}

internal sealed class NewsletterConfiguration : IEntityTypeConfiguration<Newsletter>
{
    public void Configure(EntityTypeBuilder<Newsletter> newsletter)
    {
        newsletter.HasIndex(n => n.Slug).IsUnique();
        newsletter.Property(n => n.Slug).HasMaxLength(200);
        newsletter.Property(n => n.Name).HasMaxLength(200);
        newsletter.Property(n => n.SenderName).HasMaxLength(200);
        newsletter.Property(n => n.ReplyTo).HasMaxLength(320);
    }
}
