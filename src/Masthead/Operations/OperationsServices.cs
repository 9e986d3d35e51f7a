using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Masthead.Operations;

/// <summary>What the people who run Masthead look at: /healthz, /readyz, metrics (Prometheus, OTLP) and traces (OTLP).</summary>
public static class OperationsServices
{
    private const string Ready = "ready";

    private static readonly (string Name, string Plain)[] RuntimeGauges =
    [
        ("dotnet.assembly.count", "dotnet.assemblies"), ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.thread_pool.thread.count", "dotnet.thread_pool.threads"), ("dotnet.timer.count", "dotnet.timers"),
    ];

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMastheadOptions<TelemetryOptions>(TelemetryOptions.Section);
        services.AddHealthChecks().AddCheck<StoreReadiness>("store", tags: [Ready]);
        // Read now: what is collected is decided once, and nothing is collected unless someone reads it.
        var telemetry = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!telemetry.Collects) return services;
        var otel = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("masthead"));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(MastheadMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
            // Gauges the runtime names "….count" read as histogram parts to Prometheus (promtool refuses them): renamed.
            foreach (var (name, plain) in RuntimeGauges)
                metrics.AddView(name, new MetricStreamConfiguration { Name = plain });
            if (telemetry.Prometheus) metrics.AddPrometheusExporter();
            if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(telemetry.OtlpEndpoint));
        });
        if (!string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint))
            otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddOtlpExporter(o => o.Endpoint = new Uri(telemetry.OtlpEndpoint)));
        return services;
    }

    public static void MapOperations(this WebApplication app)
    {
        // Up: the process answers. Ready: it can serve (store reachable, schema current); a balancer sends traffic on this.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        var telemetry = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (telemetry.Prometheus) app.MapPrometheusScrapingEndpoint(telemetry.MetricsPath);
    }
}
