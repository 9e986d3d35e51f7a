using Masthead.Importing.Markdown;
using Masthead.Importing.Pages;

namespace Masthead.Importing;

public static class ImportingServices
{
    public static IServiceCollection AddImporting(this IServiceCollection services) => services
        .AddScoped<ArticleUpsert>()
        .AddScoped<PageImporter>()
        .AddScoped<MarkdownImporter>()
        .AddScoped<WordPress.WordPressImporter>()
        .AddScoped<Ghost.GhostImporter>();
}
