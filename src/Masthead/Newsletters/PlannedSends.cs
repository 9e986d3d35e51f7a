using Masthead.Data;
using Masthead.Events;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Newsletters;

/// <summary>Sends an article planned for a newsletter once readers can see it, whoever or whatever published it (an editor, the schedule).</summary>
public sealed class PlannedSends(IServiceScopeFactory scopes) : IPublicationConsumer
{
    public string Name => "planned-sends";

    public async Task ConsumeAsync(IReadOnlyList<PublicationEvent> events, CancellationToken cancellation)
    {
        var uuids = events.Where(e => e.ArticleUuid is not null && e.Subject != "comment").Select(e => e.ArticleUuid!.Value).Distinct().ToList();
        if (uuids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var planned = await db.NewsletterSends.Where(s => s.Planned)
            .Join(db.Articles.Where(a => uuids.Contains(a.Uuid)), s => s.ArticleId, a => a.Id, (s, a) => a.Id).ToListAsync(cancellation);
        var sends = scope.ServiceProvider.GetRequiredService<NewsletterSends>();
        foreach (var article in planned) await sends.SendPlannedAsync(article, cancellation);
    }
}
