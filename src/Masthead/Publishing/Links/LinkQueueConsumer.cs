using Masthead.Data;
using Masthead.Events;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Links;

/// <summary>Queues for the link checker the links of every article readers can now see, whoever published it.</summary>
public sealed class LinkQueueConsumer(IServiceScopeFactory scopes) : IPublicationConsumer
{
    public string Name => "link-queue";
    public int BatchSize => 50;

    public async Task ConsumeAsync(IReadOnlyList<PublicationEvent> events, CancellationToken cancellation)
    {
        var uuids = events.Where(e => e.ArticleUuid is not null && e.Subject != "comment").Select(e => e.ArticleUuid!.Value).Distinct().ToList();
        if (uuids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var bodies = await db.Articles.AsNoTracking().Where(a => uuids.Contains(a.Uuid)).Select(a => a.BodyMarkdown).ToListAsync(cancellation);
        await LinkReport.QueueAsync(db, string.Join("\n\n", bodies), cancellation);
        await db.SaveChangesAsync(cancellation);
    }
}
