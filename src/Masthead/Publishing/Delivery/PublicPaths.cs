namespace Masthead.Publishing.Delivery;

/// <summary>
/// Which addresses are the public site, given validators, CDN headers and the output cache: not the back office, not
/// files (media and theme assets have their own immutable cache headers), not what operators poll (health, metrics).
/// </summary>
public sealed class PublicPaths(Microsoft.Extensions.Options.IOptions<Operations.TelemetryOptions> telemetry)
{
    private readonly PathString[] elsewhere =
        ["/admin", "/media", "/assets", "/healthz", "/readyz", new PathString(telemetry.Value.MetricsPath)];

    public bool Contains(PathString path)
    {
        foreach (var other in elsewhere)
            if (path.StartsWithSegments(other)) return false;
        return true;
    }
}
