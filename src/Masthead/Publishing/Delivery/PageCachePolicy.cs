using Masthead.Events;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Masthead.Publishing.Delivery;

/// <summary>
/// Which answers the output cache keeps: what <see cref="SiteDelivery"/> marked public for a reader without an account
/// cookie — pages, feeds, sitemaps, robots.txt, the Content API, search for a short time. Each encoding a reader
/// accepts is its own entry (the compressed bytes are kept), tagged with the keys the publication events name.
/// </summary>
public sealed class PageCachePolicy(Microsoft.Extensions.Options.IOptions<PageCacheOptions> options, PageCache pages, PublicPaths paths) : IOutputCachePolicy
{
    /// <summary>Cookies that make a page someone's own: staff see the site as it is, members their tier's articles.</summary>
    private static readonly string[] AccountCookies = [Staff.StaffAuthentication.CookieName, Members.MemberAuthentication.CookieName];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var settings = options.Value;
        var search = request.Path.StartsWithSegments("/search");
        var acceptEncoding = request.Headers.AcceptEncoding.ToString();
        var cacheable = settings.Enabled && HttpMethods.IsGet(request.Method) && paths.Contains(request.Path)
            && !AccountCookies.Any(request.Cookies.ContainsKey) && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && acceptEncoding.Length <= 200 && !(search && settings.SearchSeconds == 0);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        if (!cacheable) return ValueTask.CompletedTask;
        // The query as sent, one value: a hit then never parses or sorts it (two orders of one query are two entries).
        context.CacheVaryByRules.VaryByValues["query"] = request.QueryString.Value ?? "";
        // The header as sent, not a guess at what compression will choose: browsers send a handful of forms.
        context.CacheVaryByRules.VaryByValues["accept-encoding"] = acceptEncoding;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(search ? settings.SearchSeconds : settings.MaxAgeSeconds);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || !(response.Headers.CacheControl.ToString().StartsWith("public", StringComparison.Ordinal) || context.HttpContext.Items.ContainsKey(SiteDelivery.HostBound))
            || !pages.TagAnswer(context.HttpContext, context.Tags))
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        context.Tags.Add(CacheKeys.Site);
        foreach (var key in CacheKeys.Of(context.HttpContext)) context.Tags.Add(key);
        return ValueTask.CompletedTask;
    }
}
