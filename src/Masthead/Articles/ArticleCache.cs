using Masthead.Data;
using Masthead.Publishing.Delivery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Masthead.Articles;

/// <summary>
/// Published articles as the store gave them, by slug, and what else an article page reads (its approved comments),
/// for the renders the output cache does not answer: signed-in members and staff, and every request while the output
/// cache is off. Forgotten whole at any publication event (as the site's settings are), and after the output cache's
/// safety-net age; bounded in bytes.
/// </summary>
public sealed class ArticleCache
{
    private readonly MemoryCache kept;
    private readonly TimeSpan maxAge;
    private readonly bool enabled;
    private long generation;

    public ArticleCache(PageCache pages, IOptions<PageCacheOptions> options)
    {
        enabled = options.Value.ArticleDataMB > 0;
        kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.ArticleDataMB) * 1024L * 1024L, CompactionPercentage = 0.2 });
        maxAge = TimeSpan.FromSeconds(options.Value.MaxAgeSeconds);
        pages.Evicted += () =>
        {
            Interlocked.Increment(ref generation);
            kept.Clear();
        };
    }

    public bool Holds(string slug) => kept.TryGetValue(slug, out _);

    public async Task<ArticleQueries.Loaded?> PublishedBySlugAsync(MastheadDb db, string slug, TimeZoneInfo zone, CancellationToken cancellation)
    {
        if (kept.Get(slug) is ArticleQueries.Loaded found && found.Zone == zone) return found;
        return await KeptAsync(slug, () => ArticleQueries.LoadPublishedAsync(db, slug, zone, cancellation), loaded => loaded.Bytes);
    }

    /// <summary>What <paramref name="load"/> gives for <paramref name="key"/>, loaded once until the next publication event.</summary>
    public async Task<T?> KeptAsync<T>(object key, Func<Task<T?>> load, Func<T, long> bytes) where T : class
    {
        if (kept.Get(key) is T found) return found;
        var started = Interlocked.Read(ref generation);
        var loaded = await load();
        // Loaded while an event was being taken in: it may show what was there before, so it is not kept.
        if (enabled && loaded is not null && Interlocked.Read(ref generation) == started)
            kept.Set(key, loaded, new MemoryCacheEntryOptions { Size = Math.Max(1, bytes(loaded)), AbsoluteExpirationRelativeToNow = maxAge });
        return loaded;
    }
}
