using Masthead.Articles.Editing;

namespace Masthead.Articles;

public static class ArticleServices
{
    /// <summary>The owners of article writes, for the site and the command line alike.</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services) => services
        .AddScoped<ArticleEditor>()
        .AddScoped<ArticleDrafts>()
        .AddScoped<ArticleRevisions>();

    /// <summary>Only a server publishes on schedule.</summary>
    public static IServiceCollection AddScheduledPublishing(this IServiceCollection services) =>
        services.AddHostedService<ScheduledPublisher>();
}
