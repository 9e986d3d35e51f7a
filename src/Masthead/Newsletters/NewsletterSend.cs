using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Newsletters;

/// <summary>Who among a newsletter's subscribers an issue goes to.</summary>
public enum Audience { Everyone = 0, Free = 1, Paid = 2 }

/// <summary>One article sent to one newsletter's subscribers: the request, written with all its recipients in one transaction.</summary>
public sealed class NewsletterSend
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int NewsletterId { get; set; }
    public Newsletter Newsletter { get; set; } = null!;
    public Audience Audience { get; set; }
    /// <summary>The subject as sent (the headline when the send was asked for).</summary>
    public required string Subject { get; set; }
    public DateTime RequestedAt { get; set; }
    public int? RequestedById { get; set; }
    /// <summary>The site's address when the send was asked for: links in the mail start here (the dispatcher has no request).</summary>
    public required string SiteUrl { get; set; }
    /// <summary>Asked for with the article's publication (Ghost's "publish and email"): its recipients are written when the article is published.</summary>
    public bool Planned { get; set; }
}

/// <summary>
/// What became of one message: waiting, handed to a worker, accepted by the SMTP server, refused, or unconfirmed — taken
/// by a worker that died before it could record the server's answer. Accepted and unconfirmed messages are never sent again.
/// </summary>
public enum DeliveryState { Pending = 0, Sending = 1, Accepted = 2, Failed = 3, Unconfirmed = 4 }

public sealed class SendRecipient
{
    public long Id { get; set; }
    public int SendId { get; set; }
    /// <summary>Null once the member deleted their account; the address stays for the report.</summary>
    public int? MemberId { get; set; }
    public required string Email { get; set; }
    /// <summary>The whole article (the member may read it) or its preview with an upgrade call.</summary>
    public bool Full { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    /// <summary>Names the batch that holds the row: a worker whose lease ran out and was taken over finds its rows gone.</summary>
    public Guid? ClaimId { get; set; }
    public DateTime? FinishedAt { get; set; }
    /// <summary>The SMTP server's last answer (or the connection's error), for the report.</summary>
    public string? Response { get; set; }
}

internal sealed class NewsletterSendConfiguration : IEntityTypeConfiguration<NewsletterSend>, IEntityTypeConfiguration<SendRecipient>
{
    public void Configure(EntityTypeBuilder<NewsletterSend> send)
    {
        send.Property(s => s.Subject).HasMaxLength(500);
        send.Property(s => s.SiteUrl).HasMaxLength(500);
        send.HasOne(s => s.Newsletter).WithMany().HasForeignKey(s => s.NewsletterId).OnDelete(DeleteBehavior.Cascade);
        send.HasOne<Articles.Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SendRecipient> recipient)
    {
        // Claims walk the pending rows in id order and stop at the batch size: (State, DueAt) made every claim read and
        // sort all that was left (quadratic over a send).
        recipient.HasIndex(r => new { r.State, r.Id });
        recipient.HasIndex(r => new { r.SendId, r.State });
        recipient.Property(r => r.Email).HasMaxLength(320);
        recipient.Property(r => r.Response).HasMaxLength(1000);
        recipient.HasOne<NewsletterSend>().WithMany().HasForeignKey(r => r.SendId).OnDelete(DeleteBehavior.Cascade);
        recipient.HasOne<Members.Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.SetNull);
    }
}
