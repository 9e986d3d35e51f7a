using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events;

public sealed record ConsumerStatus(string Consumer, int Pending, int Failing, int DoneToday, double? LagP50Ms, double? LagP99Ms);

public sealed record FailingDelivery(string Consumer, long EventId, string Summary, DateTime EventAt, int Attempts, DateTime DueAt, string? LastError);

/// <summary>What the back office shows of the events: per consumer, what waits, what fails and why, and how late.</summary>
public sealed class EventReport(MastheadDb db, IEnumerable<IPublicationConsumer> consumers, TimeProvider clock)
{
    public async Task<IReadOnlyList<ConsumerStatus>> StatusAsync(CancellationToken cancellation = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var result = new List<ConsumerStatus>();
        foreach (var name in consumers.Select(c => c.Name))
        {
            var open = db.EventDeliveries.AsNoTracking().Where(d => d.Consumer == name && d.DoneAt == null);
            var lags = await (from d in db.EventDeliveries.AsNoTracking()
                              join e in db.PublicationEvents.AsNoTracking() on d.EventId equals e.Id
                              where d.Consumer == name && d.DoneAt >= since
                              orderby d.Id descending
                              select new { e.At, d.DoneAt }).Take(1000).ToListAsync(cancellation);
            var sorted = lags.Select(l => (l.DoneAt!.Value - l.At).TotalMilliseconds).Order().ToList();
            result.Add(new ConsumerStatus(name, await open.CountAsync(cancellation), await open.CountAsync(d => d.LastError != null, cancellation),
                lags.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.99)));
        }
        return result;
    }

    public Task<List<FailingDelivery>> FailingAsync(int take = 50, CancellationToken cancellation = default) =>
        (from d in db.EventDeliveries.AsNoTracking()
         join e in db.PublicationEvents.AsNoTracking() on d.EventId equals e.Id
         where d.DoneAt == null && d.LastError != null
         orderby d.Id
         select new FailingDelivery(d.Consumer, e.Id, e.Summary, e.At, d.Attempts, d.DueAt, d.LastError)).Take(take).ToListAsync(cancellation);

    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
