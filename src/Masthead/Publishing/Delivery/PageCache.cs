using System.Diagnostics.Metrics;
using System.ComponentModel.DataAnnotations;
using Masthead.Events;
using Masthead.Operations;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace Masthead.Publishing.Delivery;

/// <summary>Masthead:OutputCache — the server's own copy of public answers.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Masthead:OutputCache";

    public bool Enabled { get; set; } = true;
    /// <summary>Bytes of answers kept (each encoding of a page counts); the least recently used go first.</summary>
    [Range(1, 65_536)] public int SizeLimitMB { get; set; } = 64;
    /// <summary>Bytes of published articles' data kept for renders the output cache does not answer (members, staff); 0: none.</summary>
    [Range(0, 4096)] public int ArticleDataMB { get; set; } = 16;
    /// <summary>A safety net: events evict at once; what no event announces (comment counts on cards) follows after this.</summary>
    [Range(1, 86_400)] public int MaxAgeSeconds { get; set; } = 300;
    /// <summary>Search answers are kept this long (0: never kept).</summary>
    [Range(0, 3600)] public int SearchSeconds { get; set; } = 30;
    /// <summary>How often each server reads events written by other processes (other servers, a CLI import).</summary>
    [Range(50, 60_000)] public int FollowIntervalMs { get; set; } = 500;
}

/// <summary>
/// Where the output cache keeps answers: in memory, bounded in bytes, least recently used out first, evicted by the
/// publication events' keys. An answer rendered while an eviction happened is not kept (<see cref="AroundRequestAsync"/>):
/// it may show what was there before the change.
/// </summary>
public sealed class PageCache : IOutputCacheStore, IDisposable
{
    private const string StartedItem = "masthead.page-cache.started", AnswerTagItem = "masthead.page-cache.answer";
    private readonly MemoryCache entries;
    private readonly Dictionary<string, HashSet<string>> keysByTag = new(StringComparer.Ordinal);
    private readonly Lock tagsLock = new();
    private long generation, bytes;
    private readonly Counter<long> hits, misses, evictions;

    public PageCache(Microsoft.Extensions.Options.IOptions<PageCacheOptions> options, EventSignal signal, Theme.ThemeRenderer theme, IMeterFactory meters)
    {
        entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimitMB * 1024L * 1024L, CompactionPercentage = 0.1 });
        signal.Committed += (keys, _) => Evict(keys);
        theme.TemplateChanged += () => Evict([CacheKeys.Site]);
        var meter = meters.Create(MastheadMetrics.MeterName);
        hits = meter.CreateCounter<long>("masthead.output_cache.hits", description: "Answers served from the output cache");
        misses = meter.CreateCounter<long>("masthead.output_cache.misses", description: "Cacheable requests that were rendered");
        evictions = meter.CreateCounter<long>("masthead.output_cache.evictions", description: "Answers dropped because what they show changed");
        meter.CreateObservableGauge("masthead.output_cache.size", () => Interlocked.Read(ref bytes), unit: "By", description: "Bytes of answers kept");
        meter.CreateObservableGauge("masthead.output_cache.entries", () => entries.Count, description: "Answers kept");
    }

    /// <summary>
    /// Around a request: what it renders may be kept only if nothing was evicted meanwhile. The answer carries a tag of
    /// its own, so that an eviction that lands while it is being stored still takes it out.
    /// </summary>
    public async Task AroundRequestAsync(HttpContext context, RequestDelegate next)
    {
        var started = Interlocked.Read(ref generation);
        context.Items[StartedItem] = started;
        await next(context);
        if (context.Items[AnswerTagItem] is string own && Interlocked.Read(ref generation) != started) EvictTag(own);
    }

    /// <summary>Called as an answer is about to be kept: false when an eviction happened since its request began.</summary>
    public bool TagAnswer(HttpContext context, ISet<string> tags)
    {
        if (context.Items[StartedItem] is not long started || started != Interlocked.Read(ref generation)) return false;
        var own = "answer-" + Guid.NewGuid().ToString("N");
        context.Items[AnswerTagItem] = own;
        tags.Add(own);
        return true;
    }

    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>Anything was evicted: what else this server keeps from the store (the site's settings) goes too.</summary>
    public event Action? Evicted;

    public void Evict(IEnumerable<string> tags)
    {
        Interlocked.Increment(ref generation);
        foreach (var tag in tags) EvictTag(tag);
        Evicted?.Invoke();
    }

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        Evict([tag]);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var found = entries.Get(key) as byte[];
        (found is null ? misses : hits).Add(1);
        return ValueTask.FromResult(found);
    }

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        tags ??= [];
        var options = new MemoryCacheEntryOptions { Size = value.Length, AbsoluteExpirationRelativeToNow = validFor };
        options.RegisterPostEvictionCallback(Forget, tags);
        Interlocked.Add(ref bytes, value.Length);
        using (tagsLock.EnterScope())
        {
            foreach (var tag in tags)
            {
                if (!keysByTag.TryGetValue(tag, out var keys)) keysByTag[tag] = keys = new HashSet<string>(StringComparer.Ordinal);
                keys.Add(key);
            }
            entries.Set(key, value, options);
        }
        return ValueTask.CompletedTask;
    }

    private void EvictTag(string tag)
    {
        string[] keys;
        using (tagsLock.EnterScope())
        {
            if (!keysByTag.Remove(tag, out var set)) return;
            keys = [.. set];
        }
        foreach (var key in keys) entries.Remove(key);
        evictions.Add(keys.Length);
    }

    // Callbacks run later on the thread pool: by then the key may hold a newer answer, whose tags must stay.
    private void Forget(object key, object? value, EvictionReason reason, object? state)
    {
        if (value is byte[] body) Interlocked.Add(ref bytes, -body.Length);
        if (state is not string[] tags) return;
        using (tagsLock.EnterScope())
        {
            if (entries.TryGetValue(key, out var current) && !ReferenceEquals(current, value)) return;
            foreach (var tag in tags)
                if (keysByTag.TryGetValue(tag, out var keys) && keys.Remove((string)key) && keys.Count == 0) keysByTag.Remove(tag);
        }
    }

    public void Dispose() => entries.Dispose();
}
