using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.Events;

/// <summary>
/// "Readers can now see something different": written in the same transaction as the change, then taken by every
/// consumer (CDN purge, link checker, and later newsletters, the output cache, other servers) exactly once.
/// </summary>
public sealed class PublicationEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>"article", "term", "vocabulary", "person", "comment" or "site".</summary>
    public required string Subject { get; set; }
    /// <summary>The article this is about, when it is about one: stable even for an article not yet saved.</summary>
    public Guid? ArticleUuid { get; set; }
    /// <summary>What readers see differently, as cache keys (<see cref="CacheKeys"/>), space separated: "article-12 term-3 home feeds".</summary>
    public required string Keys { get; set; }
    /// <summary>For people: "published “Harbour strike ends”".</summary>
    public required string Summary { get; set; }

    public List<EventDelivery> Deliveries { get; } = [];

    public IReadOnlyList<string> KeyList => Keys.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public void AddKeys(IEnumerable<string> more) => Keys = string.Join(' ', KeyList.Concat(more).Distinct());
}

/// <summary>One consumer's hold on one event: due, claimed, done, or failing with its last error.</summary>
public sealed class EventDelivery
{
    public long Id { get; set; }
    public long EventId { get; set; }
    public required string Consumer { get; set; }
    public DateTime DueAt { get; set; }
    /// <summary>Set while a worker has it; a worker that died lets it go when this passes.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class PublicationEventConfiguration : IEntityTypeConfiguration<PublicationEvent>, IEntityTypeConfiguration<EventDelivery>
{
    public void Configure(EntityTypeBuilder<PublicationEvent> entity)
    {
        entity.ToTable("PublicationEvents");
        entity.Property(e => e.Subject).HasMaxLength(20);
        entity.Property(e => e.Summary).HasMaxLength(500);
        entity.Ignore(e => e.KeyList);
    }

    public void Configure(EntityTypeBuilder<EventDelivery> entity)
    {
        entity.ToTable("EventDeliveries");
        entity.Property(d => d.Consumer).HasMaxLength(100);
        entity.Property(d => d.LastError).HasMaxLength(1000);
        entity.HasOne<PublicationEvent>().WithMany(e => e.Deliveries).HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(d => new { d.EventId, d.Consumer }).IsUnique();
        entity.HasIndex(d => new { d.Consumer, d.DoneAt, d.DueAt });
    }
}
