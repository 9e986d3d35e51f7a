using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Masthead.Media;

public static class MediaEndpoints
{
    public static IServiceCollection AddMedia(this IServiceCollection services) => services
        .AddScoped<MediaLibrary>()
        .AddSingleton<SiteIcons>();

    /// <summary>Media by content hash never change, so they may be cached for a year; the type comes from the sniffed record.</summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(MediaRoutes.Prefix + "{fileName}", async (string fileName, MastheadDb db, MediaLibrary library, HttpContext http,
            CancellationToken cancellation) =>
        {
            var hash = Path.GetFileNameWithoutExtension(fileName).Split('-')[0];
            var item = await db.Media.AsNoTracking().SingleOrDefaultAsync(m => m.Hash == hash, cancellation);
            if (item?.TypeOf(fileName) is not { } type || !File.Exists(library.PathOf(fileName))) return Results.NotFound();
            http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            return Results.File(library.PathOf(fileName), type, enableRangeProcessing: true,
                entityTag: new EntityTagHeaderValue('"' + Path.GetFileNameWithoutExtension(fileName) + '"'));
        });
        return routes;
    }
}
