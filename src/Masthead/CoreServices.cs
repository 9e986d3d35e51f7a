using Masthead.Data;
using Masthead.Events;
using Masthead.Publishing.Cdn;
using Masthead.Importing;
using Masthead.Publishing;

namespace Masthead;

public static class CoreServices
{
    /// <summary>What the web site and the command line share: the store, the body pipeline, the importers.</summary>
    public static IServiceCollection AddMastheadCore(this IServiceCollection services) => services
        .AddMastheadDb()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(DataFolder.FromConfiguration)
        .AddScoped<Taxonomy.TaxonomyEditor>()
        .AddSingleton<BodyRenderer>()
        .AddCdn()
        .AddPublicationEvents()
        .AddImporting();
}
