using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Masthead.Operations;

/// <summary>Ready means the store answers and has every migration this build knows: a node never serves an older schema.</summary>
public sealed class StoreReadiness(MastheadDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("the store does not answer");
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0) return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: run `masthead migrate`");
        return HealthCheckResult.Healthy();
    }
}
