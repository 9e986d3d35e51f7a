using System.Diagnostics.Metrics;
using System.ComponentModel.DataAnnotations;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Events;

/// <summary>Masthead:Events — how deliveries are taken and retried.</summary>
public sealed class EventOptions
{
    public const string Section = "Masthead:Events";

    /// <summary>How often to look for events written by other processes (a CLI import, another server).</summary>
    [Range(10, 600_000)] public int PollIntervalMs { get; set; } = 1000;
    /// <summary>How old an event must be before it is taken: a short wait lets a burst of saves share one purge.</summary>
    [Range(0, 3_600_000)] public int SettleMs { get; set; }
    /// <summary>How long a worker holds a delivery; one that died lets it go after this.</summary>
    [Range(1, 3600)] public int LeaseSeconds { get; set; } = 60;
    /// <summary>The longest wait between two tries of a failing delivery (it doubles from one second up to this).</summary>
    [Range(1, 86_400)] public int MaxBackoffSeconds { get; set; } = 300;
    /// <summary>Set to false to leave the events to other servers.</summary>
    public bool Dispatch { get; set; } = true;
}

/// <summary>
/// Hands each event to each consumer. Deliveries are claimed with a lease — on PostgreSQL with FOR UPDATE SKIP LOCKED,
/// so several servers share the work and never take the same one; SQLite has one writer and one dispatcher. A failure
/// is recorded on the delivery (the back office shows it) and tried again later, doubling the wait each time.
/// </summary>
public sealed class EventDispatcher(IServiceScopeFactory scopes, IEnumerable<IPublicationConsumer> consumers, EventSignal signal,
    Microsoft.Extensions.Options.IOptions<EventOptions> options, TimeProvider clock, ILogger<EventDispatcher> log,
    IMeterFactory meters) : BackgroundService
{
    private readonly EventOptions settings = options.Value;
    private readonly Histogram<double> lag = meters.Create(Operations.MastheadMetrics.MeterName)
        .CreateHistogram<double>("masthead.events.lag", unit: "s", description: "From an event's commit to its consumer being done with it");

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!settings.Dispatch) return;
        while (!stopping.IsCancellationRequested)
        {
            try { await DispatchDueAsync(stopping); }
            catch (Exception e) when (!stopping.IsCancellationRequested) { log.LogWarning(e, "Dispatching publication events failed"); }
            await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollIntervalMs), stopping);
            if (settings.SettleMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(settings.SettleMs, settings.PollIntervalMs)), clock, stopping);
        }
    }

    /// <summary>Runs every due delivery of every consumer; returns how many were done.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellation = default)
    {
        var done = 0;
        foreach (var consumer in consumers)
            for (int taken; (taken = await RunBatchAsync(consumer, cancellation)) > 0;) done += taken;
        return done;
    }

    private async Task<int> RunBatchAsync(IPublicationConsumer consumer, CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var claimed = await ClaimAsync(db, consumer, cancellation);
        if (claimed.Count == 0) return 0;
        var ids = claimed.Select(d => d.Id).ToList();
        var eventIds = claimed.Select(d => d.EventId).ToList();
        var events = await db.PublicationEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(cancellation);
        try
        {
            await consumer.ConsumeAsync(events, cancellation);
        }
        catch (Exception error) when (!cancellation.IsCancellationRequested)
        {
            var attempts = claimed.Max(d => d.Attempts);
            var wait = TimeSpan.FromSeconds(Math.Min(settings.MaxBackoffSeconds, Math.Pow(2, Math.Min(attempts - 1, 30))));
            var due = Now + wait;
            var message = Shorten($"{error.GetType().Name}: {error.Message}");
            await db.EventDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null).SetProperty(d => d.DueAt, due).SetProperty(d => d.LastError, message), cancellation);
            log.LogWarning("{Consumer} failed on {Count} event(s), try {Attempt}; next in {Wait}: {Error}", consumer.Name, claimed.Count, attempts, wait, message);
            return 0;
        }
        var now = Now;
        foreach (var done in events)
            lag.Record((now - done.At).TotalSeconds, new KeyValuePair<string, object?>("consumer", consumer.Name));
        await db.EventDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.DoneAt, now).SetProperty(d => d.ClaimedUntil, (DateTime?)null).SetProperty(d => d.LastError, (string?)null), cancellation);
        return claimed.Count;
    }

    private async Task<List<EventDelivery>> ClaimAsync(MastheadDb db, IPublicationConsumer consumer, CancellationToken cancellation)
    {
        var now = Now;
        var settled = now - TimeSpan.FromMilliseconds(settings.SettleMs);
        // A read first: an idle poll takes no writer's lock.
        if (!await db.EventDeliveries.AnyAsync(d => d.Consumer == consumer.Name && d.DoneAt == null && d.DueAt <= settled
                && (d.ClaimedUntil == null || d.ClaimedUntil < now), cancellation))
            return [];
        var locking = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var due = $$"""
            SELECT * FROM "EventDeliveries"
            WHERE "Consumer" = {0} AND "DoneAt" IS NULL AND "DueAt" <= {1} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {2})
            ORDER BY "Id" LIMIT {3} {{locking}}
            """;
        var claimed = await db.EventDeliveries.FromSqlRaw(due, consumer.Name, settled, now, consumer.BatchSize).ToListAsync(cancellation);
        foreach (var delivery in claimed)
        {
            delivery.ClaimedUntil = now + TimeSpan.FromSeconds(settings.LeaseSeconds);
            delivery.Attempts++;
        }
        await db.SaveChangesAsync(cancellation);
        await transaction.CommitAsync(cancellation);
        return claimed;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Shorten(string message) => message.Length <= 1000 ? message : message[..1000];
}
