using System.ComponentModel.DataAnnotations;
using System.Net.Http.Headers;
using System.Text.Json;
using Masthead.Events;
using Microsoft.Extensions.Options;

namespace Masthead.Publishing.Cdn;

/// <summary>Masthead:Cdn — the shared-cache headers and the purge request (README "HTTP caching").</summary>
public sealed class CdnOptions
{
    public const string Section = "Masthead:Cdn";

    /// <summary>Where purges go; empty: no CDN, nothing is sent.</summary>
    [Url] public string? PurgeUrl { get; set; }
    [RegularExpression("^(POST|PUT|DELETE|PATCH|GET)$")] public string PurgeMethod { get; set; } = "POST";
    /// <summary>{tags} becomes a JSON array of the tags, {keys} the tags separated by spaces (in the URL and headers too).</summary>
    public string PurgeBody { get; set; } = """{"tags":{tags}}""";
    public string PurgeContentType { get; set; } = "application/json";
    public Dictionary<string, string> PurgeHeaders { get; set; } = [];
    /// <summary>The site's own tag on every shared response; other tags are this plus "-article-12" and the like.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")] public string Tag { get; set; } = "masthead";
    [Range(0, 31_536_000)] public int SharedMaxAgeSeconds { get; set; } = 300;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(PurgeUrl);

    /// <summary>The tag a cache key is sent and purged as.</summary>
    public string TagOf(string key) => key == CacheKeys.Site ? Tag : $"{Tag}-{key}";
}

/// <summary>Sends one purge request for a set of cache keys, shaped by <see cref="CdnOptions"/> (Cloudflare's by default).</summary>
public sealed class CdnPurger(IHttpClientFactory clients, IOptions<CdnOptions> options, ILogger<CdnPurger> log)
{
    public const string HttpClientName = "cdn-purge";
    private readonly CdnOptions settings = options.Value;

    public bool IsConfigured => settings.IsConfigured;

    public async Task PurgeAsync(IEnumerable<string> keys, CancellationToken cancellation)
    {
        if (!settings.IsConfigured) return;
        var list = keys.Distinct().ToList();
        // The site's own tag covers every other one.
        var tags = list.Contains(CacheKeys.Site) ? [settings.Tag] : list.Select(settings.TagOf).Order(StringComparer.Ordinal).ToList();
        string Fill(string text) => text.Replace("{tags}", JsonSerializer.Serialize(tags)).Replace("{keys}", string.Join(' ', tags));

        using var request = new HttpRequestMessage(new HttpMethod(settings.PurgeMethod), Fill(settings.PurgeUrl!));
        if (settings.PurgeBody.Length > 0)
            request.Content = new StringContent(Fill(settings.PurgeBody), new MediaTypeHeaderValue(settings.PurgeContentType));
        foreach (var (name, value) in settings.PurgeHeaders) request.Headers.TryAddWithoutValidation(name, Fill(value));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        log.LogInformation("CDN purged {Tags} ({Status})", string.Join(' ', tags), (int)response.StatusCode);
    }
}

/// <summary>Purges what each batch of events names: one request for up to 100 events.</summary>
public sealed class CdnPurgeConsumer(CdnPurger purger) : IPublicationConsumer
{
    public string Name => "cdn-purge";
    public int BatchSize => 100;

    public Task ConsumeAsync(IReadOnlyList<PublicationEvent> events, CancellationToken cancellation) =>
        purger.PurgeAsync(events.SelectMany(e => e.KeyList), cancellation);
}

/// <summary>
/// Purges the whole site once at start, since a new release or theme changes pages without any event; tried again
/// with a doubling wait until the CDN takes it.
/// </summary>
public sealed class CdnStartupPurge(CdnPurger purger, TimeProvider clock, ILogger<CdnStartupPurge> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!purger.IsConfigured) return;
        for (var wait = TimeSpan.FromSeconds(1); !stopping.IsCancellationRequested; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMinutes(5).Ticks)))
        {
            try
            {
                await purger.PurgeAsync([CacheKeys.Site], stopping);
                return;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(error, "CDN purge at start failed; trying again in {Wait}", wait);
            }
            await Task.Delay(wait, clock, stopping);
        }
    }
}

public static class CdnServices
{
    public static IServiceCollection AddCdn(this IServiceCollection services)
    {
        services.AddMastheadOptions<CdnOptions>(CdnOptions.Section);
        services.AddHttpClient(CdnPurger.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        return services.AddSingleton<CdnPurger>();
    }
}
