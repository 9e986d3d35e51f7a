namespace Masthead.Publishing.Theme;

/// <summary>
/// The site's settings as pages show them, read from the store once and kept until the output cache evicts anything:
/// every change readers can see moves the settings row's content stamp, and every such change is an event. A read that
/// an eviction overtook is used for its own request but not kept.
/// </summary>
public sealed class SiteCache
{
    private SiteView? kept;
    private long generation;

    public SiteCache(Delivery.PageCache pages) => pages.Evicted += Forget;

    public async Task<SiteView> GetAsync(Data.MastheadDb db, CancellationToken cancellation)
    {
        if (Volatile.Read(ref kept) is { } site) return site;
        var started = Interlocked.Read(ref generation);
        var loaded = await SiteView.LoadAsync(db, cancellation);
        if (Interlocked.Read(ref generation) == started) Interlocked.CompareExchange(ref kept, loaded, null);
        return loaded;
    }

    private void Forget()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref kept, null);
    }
}
