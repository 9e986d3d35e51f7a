namespace Masthead.Exporting;

public static class ExportingServices
{
    /// <summary>The exporters, and the full archive, which both writes and restores.</summary>
    public static IServiceCollection AddExporting(this IServiceCollection services) => services
        .AddScoped<GhostExporter>()
        .AddScoped<MarkdownExporter>()
        .AddScoped<Archive.SiteArchive>();
}
