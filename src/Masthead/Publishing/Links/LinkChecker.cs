using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Links;

/// <summary>
/// Checks queued http(s) links in the background: HEAD (GET when HEAD is refused), redirects recorded rather than
/// followed, a timeout per request, and at most one request per host per interval.
/// Results older than <see cref="RecheckAfter"/> are checked again.
/// </summary>
/// <summary>Masthead:LinkChecker.</summary>
public sealed class LinkCheckerOptions
{
    public const string Section = "Masthead:LinkChecker";

    /// <summary>The background check needs outbound HTTP; tests and offline sites turn it off.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>At least this long between two requests to one host.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3_600_000)] public int HostIntervalMs { get; set; } = 2000;
}

public sealed class LinkChecker(IServiceScopeFactory scopes, IHttpClientFactory clients, TimeProvider clock, Microsoft.Extensions.Options.IOptions<LinkCheckerOptions> options,
    ILogger<LinkChecker> log)
{
    public const string HttpClientName = "link-checker";
    private TimeSpan HostInterval => TimeSpan.FromMilliseconds(options.Value.HostIntervalMs);
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromDays(7);
    private HostThrottle? throttle;

    public static bool IsCheckable(string? target) =>
        Uri.TryCreate(target?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>Checks up to <paramref name="limit"/> due links; returns how many were checked.</summary>
    public async Task<int> CheckDueAsync(int limit = 50, CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        // One server of a cluster checks at a time: the hosts' rate limit holds for the cluster, not per server.
        await using var turn = await ClusterLock.TryTakeAsync(db, "link-checker", cancellation);
        if (turn is null) return 0;
        var stale = clock.GetUtcNow().UtcDateTime - RecheckAfter;
        var due = await db.LinkChecks.Where(c => c.CheckedAt == null || c.CheckedAt < stale)
            .OrderBy(c => c.CheckedAt).ThenBy(c => c.Id).Take(limit).ToListAsync(cancellation);
        foreach (var check in due)
        {
            await WaitForHostAsync(check.Host, cancellation);
            await CheckAsync(check, cancellation);
            await db.SaveChangesAsync(cancellation);
        }
        return due.Count;
    }

    private async Task WaitForHostAsync(string host, CancellationToken cancellation)
    {
        throttle ??= new HostThrottle(HostInterval);
        var wait = throttle.Reserve(host, clock.GetUtcNow());
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellation);
    }

    private async Task CheckAsync(LinkCheck check, CancellationToken cancellation)
    {
        var client = clients.CreateClient(HttpClientName);
        check.CheckedAt = clock.GetUtcNow().UtcDateTime;
        check.StatusCode = null;
        check.RedirectTo = null;
        check.Error = null;
        try
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, check.Url), HttpCompletionOption.ResponseHeadersRead, cancellation);
            var response = head;
            using var get = (int)head.StatusCode is 405 or 501
                ? await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, check.Url), HttpCompletionOption.ResponseHeadersRead, cancellation)
                : null;
            response = get ?? head;
            check.StatusCode = (int)response.StatusCode;
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                check.RedirectTo = new Uri(new Uri(check.Url), location).ToString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            check.Error = e is TaskCanceledException ? "timed out" : Shorten(e.Message);
            log.LogDebug("Link check of {Url} failed: {Error}", check.Url, check.Error);
        }
    }

    private static string Shorten(string message) => message.Length <= 500 ? message : message[..500];

}

/// <summary>Spaces requests to one host: each reservation gets the first free slot at least one interval after the last.</summary>
public sealed class HostThrottle(TimeSpan interval)
{
    private readonly Dictionary<string, DateTimeOffset> nextFree = new(StringComparer.OrdinalIgnoreCase);

    /// <returns>How long to wait before sending to <paramref name="host"/>.</returns>
    public TimeSpan Reserve(string host, DateTimeOffset now)
    {
        var start = nextFree.TryGetValue(host, out var free) && free > now ? free : now;
        nextFree[host] = start + interval;
        return start - now;
    }
}

/// <summary>Runs <see cref="LinkChecker"/> every minute unless <c>Masthead:LinkChecker:Enabled</c> is false (tests call it directly).</summary>
public sealed class LinkCheckerService(LinkChecker checker, Microsoft.Extensions.Options.IOptions<LinkCheckerOptions> options, ILogger<LinkCheckerService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await checker.CheckDueAsync(cancellation: stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogWarning(e, "Link checking failed"); }
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        }
    }
}
