using Masthead.Articles;
using Masthead.Data;
using Masthead.Events;
using Masthead.Exporting;
using Masthead.Importing;
using Masthead.Mail;
using Masthead.Media;
using Masthead.Publishing.Body;
using Masthead.Publishing.Cdn;

namespace Masthead;

public static class CoreServices
{
    /// <summary>What the web site and the command line share: the store, the body pipeline, the importers.</summary>
    public static IServiceCollection AddMastheadCore(this IServiceCollection services) => services
        .AddMetrics()
        .AddSingleton<Operations.StoreTiming>()
        .AddMastheadDb()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(DataFolder.FromConfiguration)
        .AddArticles()
        .AddScoped<Taxonomy.TaxonomyEditor>()
        .AddScoped<Authors.PeopleEditor>()
        .AddScoped<Comments.CommentsEditor>()
        .AddScoped<Publishing.Settings.SettingsEditor>()
        .AddScoped<Members.MemberAccounts>()
        .AddScoped<Members.MembersEditor>()
        .AddScoped<Members.MemberCsv>()
        .AddScoped<Newsletters.NewsletterEditor>()
        .AddSingleton<BodyRenderer>()
        .AddCdn()
        .AddPublicationEvents()
        .AddMedia()
        .AddImporting()
        .AddExporting()
        .AddMail();
}
