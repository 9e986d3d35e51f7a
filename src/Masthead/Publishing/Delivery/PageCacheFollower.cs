using Masthead.Data;
using Masthead.Events;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Delivery;

/// <summary>
/// Evicts what other processes changed: another server, or a CLI import, writes its events to the store and this
/// server reads them every <see cref="PageCacheOptions.FollowIntervalMs"/>. This server's own writes were evicted when
/// they committed. On PostgreSQL an event may commit after one with a higher id; the ids skipped are asked for again
/// for a while, so a slow transaction's events are not missed. On SQLite every process writes the same file, so a
/// request first looks (one stat) whether the file changed since the last read, and reads the events at once if so:
/// what a CLI import wrote is seen by the very next request.
/// </summary>
public sealed class PageCacheFollower : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly PageCache pages;
    private readonly Microsoft.Extensions.Options.IOptions<PageCacheOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<PageCacheFollower> log;
    /// <summary>The SQLite file and its write-ahead log; null on PostgreSQL.</summary>
    private readonly (string Main, string Wal)? sqliteFiles;
    /// <summary>This process's own events, evicted as they committed: reading them again would evict twice.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> evictedHere = new();

    public PageCacheFollower(IServiceScopeFactory scopes, PageCache pages, Microsoft.Extensions.Options.IOptions<PageCacheOptions> options,
        DatabaseLocation store, EventSignal signal, TimeProvider clock, ILogger<PageCacheFollower> log)
    {
        (this.scopes, this.pages, this.options, this.clock, this.log) = (scopes, pages, options, clock, log);
        sqliteFiles = store.SqliteFile is { } file ? (file, file + "-wal") : null;
        // Only a follower that reads the events takes these ids out again.
        if (options.Value.Enabled)
            signal.Committed += (_, ids) =>
            {
                foreach (var id in ids) evictedHere.TryAdd(id, 0);
            };
    }

    private static readonly TimeSpan GapLifetime = TimeSpan.FromMinutes(2);
    private readonly Dictionary<long, DateTimeOffset> gaps = [];
    private readonly SemaphoreSlim reading = new(1, 1);
    private long last = -1;
    private DateTime storeWritten;

    /// <summary>Before a request is answered from the cache: on SQLite, reads the events if the file changed.</summary>
    public ValueTask CatchUpAsync(CancellationToken cancellation)
    {
        if (sqliteFiles is not { } files || last < 0) return ValueTask.CompletedTask;
        var written = StoreWritten(files);
        return written == storeWritten ? ValueTask.CompletedTask : new ValueTask(FollowAsync(cancellation));
    }

    /// <summary>
    /// One stat per request where it can: in WAL mode every commit writes the -wal file (a checkpoint only follows
    /// commits), so its time alone moves with each write; the main file counts only when there is no -wal file.
    /// </summary>
    private static DateTime StoreWritten((string Main, string Wal) files)
    {
        var wal = File.GetLastWriteTimeUtc(files.Wal);
        return wal > MissingFile ? wal : File.GetLastWriteTimeUtc(files.Main);
    }

    /// <summary>What <see cref="File.GetLastWriteTimeUtc(string)"/> answers for a file that does not exist.</summary>
    private static readonly DateTime MissingFile = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!options.Value.Enabled) return;
        var interval = TimeSpan.FromMilliseconds(options.Value.FollowIntervalMs);
        while (!stopping.IsCancellationRequested)
        {
            try { await FollowAsync(stopping); }
            catch (Exception e) when (!stopping.IsCancellationRequested) { log.LogWarning(e, "Reading publication events for the output cache failed"); }
            await Task.Delay(interval, clock, stopping);
        }
    }

    public async Task FollowAsync(CancellationToken cancellation)
    {
        await reading.WaitAsync(cancellation);
        try { await ReadEventsAsync(cancellation); }
        finally { reading.Release(); }
    }

    private async Task ReadEventsAsync(CancellationToken cancellation)
    {
        // Taken before the read: a write that lands during it moves the time again and is read next time.
        if (sqliteFiles is { } files) storeWritten = StoreWritten(files);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        if (last < 0)
        {
            // Answers kept so far were rendered after these events committed.
            last = await db.PublicationEvents.MaxAsync(e => (long?)e.Id, cancellation) ?? 0;
            return;
        }
        var missing = gaps.Keys.ToList();
        var events = await db.PublicationEvents.AsNoTracking().Where(e => e.Id > last || missing.Contains(e.Id))
            .OrderBy(e => e.Id).Take(1000).Select(e => new { e.Id, e.Keys }).ToListAsync(cancellation);
        var now = clock.GetUtcNow();
        foreach (var seen in events)
        {
            gaps.Remove(seen.Id);
            for (var skipped = Math.Max(last + 1, seen.Id - 10_000); skipped < seen.Id; skipped++) gaps[skipped] = now;
            last = Math.Max(last, seen.Id);
        }
        var theirs = events.Where(e => !evictedHere.TryRemove(e.Id, out _)).ToList();
        if (theirs.Count > 0) pages.Evict(theirs.SelectMany(e => e.Keys.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct());
        foreach (var (id, since) in gaps.ToList())
            if (now - since > GapLifetime) gaps.Remove(id);
    }
}
