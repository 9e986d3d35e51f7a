using System.ComponentModel.DataAnnotations;

namespace Masthead.Operations;

/// <summary>Masthead:Telemetry — metrics and traces for the people who run the site.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Masthead:Telemetry";

    /// <summary>Serve metrics in Prometheus's text format at <see cref="MetricsPath"/>.</summary>
    public bool Prometheus { get; set; }
    public string MetricsPath { get; set; } = "/metrics";
    /// <summary>An OTLP collector (http://collector:4317): traces and metrics are sent there when set.</summary>
    public string? OtlpEndpoint { get; set; }

    public bool Collects => Prometheus || !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!MetricsPath.StartsWith('/') || MetricsPath.Length < 2)
            yield return new ValidationResult("give a path of its own, such as /metrics", [nameof(MetricsPath)]);
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult("give the collector's address, such as http://localhost:4317", [nameof(OtlpEndpoint)]);
    }
}
