using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Masthead.Publishing.Theme;

/// <summary>The public site's shared pieces: the theme, its static files, and the 404 page.</summary>
public static class PublicSite
{
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var siteTheme = Path.GetFullPath(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MastheadOptions>>().Value.ThemeFolder,
                sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            var defaultTheme = Path.Combine(AppContext.BaseDirectory, "Themes", "default");
            return new ThemeRenderer(ThemeRenderer.CreateFileProvider(siteTheme, defaultTheme));
        });
        services.AddHttpContextAccessor();
        services.AddSingleton<SiteAddress>();
        services.AddSingleton<SiteCache>();
        services.AddSingleton<Articles.ArticleCache>();
        services.AddScoped<SitePages>();
        return services;
    }

    /// <summary>CSS, images and fonts of the theme under /assets/. Templates (.liquid) are not served.</summary>
    public static IApplicationBuilder UseThemeAssets(this IApplicationBuilder app)
    {
        var theme = app.ApplicationServices.GetRequiredService<ThemeRenderer>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = theme.Files,
            RequestPath = "/assets",
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            ServeUnknownFileTypes = false,
        });
    }

    public static IEndpointRouteBuilder MapPublicSite(this IEndpointRouteBuilder routes)
    {
        routes.MapFallback(async (SitePages pages, CancellationToken cancellation) => await pages.NotFoundAsync(cancellation));
        return routes;
    }
}
