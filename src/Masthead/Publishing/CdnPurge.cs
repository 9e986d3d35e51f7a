using System.Net.Http.Headers;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing;

/// <summary>
/// Tells a CDN to drop its copies of the public site when anything readers see has changed, with one configurable
/// request (README "HTTP caching"). It watches the content stamp rather than the editor's saves, so that changes made by
/// a CLI import, the scheduler or another server count too; and it purges once at start, because a new release or
/// theme changes pages without changing content. A failed purge is tried again on the next tick.
/// </summary>
public sealed class CdnPurge(IServiceScopeFactory scopes, IHttpClientFactory clients, IConfiguration configuration,
    TimeProvider clock, ILogger<CdnPurge> log) : BackgroundService
{
    public const string Section = "Masthead:Cdn";
    public const string HttpClientName = "cdn-purge";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{Section}:PurgeUrl"]);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!IsConfigured(configuration)) return;
        var settings = configuration.GetSection(Section);
        var interval = TimeSpan.FromSeconds(settings.GetValue("PurgeIntervalSeconds", 5.0));
        DateTime? purged = null;
        var first = true;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var stamp = await ContentChangedAtAsync(stopping);
                if (first || stamp > purged)
                {
                    await SendAsync(settings, stopping);
                    purged = stamp;
                    first = false;
                }
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(error, "CDN purge failed; trying again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stopping));
    }

    private async Task<DateTime?> ContentChangedAtAsync(CancellationToken cancellation)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MastheadDb>().SiteSettings.AsNoTracking()
            .Select(s => s.ContentChangedAt).FirstOrDefaultAsync(cancellation);
    }

    private async Task SendAsync(IConfigurationSection settings, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(new HttpMethod(settings["PurgeMethod"] ?? "POST"), settings["PurgeUrl"]);
        var body = settings["PurgeBody"] ?? """{"purge_everything":true}""";
        if (body.Length > 0)
            request.Content = new StringContent(body, new MediaTypeHeaderValue(settings["PurgeContentType"] ?? "application/json"));
        foreach (var header in settings.GetSection("PurgeHeaders").GetChildren())
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        log.LogInformation("CDN purged ({Status})", (int)response.StatusCode);
    }
}
