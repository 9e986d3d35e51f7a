using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Editing;

/// <summary>
/// Publishes scheduled articles once their time has come. The schedule lives in the store, so a restart loses nothing:
/// anything that fell due while the site was down is published on the first pass. Polls every
/// <c>Masthead:SchedulerIntervalMs</c> (default 15 s) of real time and asks the <see cref="TimeProvider"/> what time it is.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<MastheadOptions> options,
    ILogger<ScheduledPublisher> log) : BackgroundService
{
    public async Task<int> PublishDueAsync(CancellationToken cancellation = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = db.Articles.Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now).Select(a => a.Id);
        // A read first, as most passes find nothing; then one server of a cluster takes the pass (the editor's
        // conditional publish would also refuse a second one).
        if (!await due.AnyAsync(cancellation)) return 0;
        await using var turn = await ClusterLock.TryTakeAsync(db, "scheduler", cancellation);
        if (turn is null) return 0;
        var dueIds = await due.ToListAsync(cancellation);
        foreach (var id in dueIds)
            if (await editor.PublishIfDueAsync(id, cancellation) is { } article)
                log.LogInformation("Published scheduled article {Slug}", article.Slug);
        return dueIds.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.SchedulerIntervalMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await PublishDueAsync(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested) { log.LogWarning(e, "Publishing scheduled articles failed"); }
            await Task.Delay(interval, stoppingToken);
        }
    }
}
