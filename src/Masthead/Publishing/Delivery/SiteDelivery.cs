using System.Globalization;
using System.Security.Cryptography;
using Masthead.Events;
using Masthead.Publishing.Cdn;
using Masthead.Publishing.Theme;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Masthead.Publishing.Delivery;

/// <summary>
/// How responses leave the server: Brotli or gzip, security headers on everything, and for public pages, feeds and
/// sitemaps a validator pair (a weak ETag hashed from the body, Last-Modified from the content stamp), 304 answers, and
/// cache headers a CDN can act on. README "HTTP caching" documents them.
/// </summary>
public static class SiteDelivery
{
    // Inline scripts are refused; JSON-LD is a data block, which CSP does not govern. Inline styles stay allowed: bodies
    // imported from WordPress carry sanitized style attributes.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self'; connect-src 'self'; media-src 'self' https:; object-src 'none'; base-uri 'self'; " +
        "frame-ancestors 'self'; form-action 'self'";

    private static readonly string[] CompressedTypes =
        [.. ResponseCompressionDefaults.MimeTypes, "application/rss+xml", "application/atom+xml", "image/svg+xml"];

    /// <summary>Set on an answer whose links name the request's own Host (no Masthead:SiteUrl, no AllowedHosts match).</summary>
    public const string HostBound = "masthead:host-bound";

    public static IServiceCollection AddSiteDelivery(this IServiceCollection services)
    {
        services.AddHostedService<CdnStartupPurge>();
        // Form tokens travel like the login cookies: marked Secure when the site is served over https.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddEventDispatch();
        services.AddMastheadOptions<PageCacheOptions>(PageCacheOptions.Section);
        services.AddSingleton<PublicPaths>();
        services.AddSingleton<PageCache>();
        services.AddSingleton<PageCachePolicy>();
        services.AddSingleton<PageCacheFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<PageCacheFollower>());
        services.AddOutputCache();
        // The options' own store is replaced: ours is bounded by bytes and evicted by the publication events.
        services.AddSingleton<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>(sp => sp.GetRequiredService<PageCache>());
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<PageCachePolicy>((options, policy) =>
        {
            options.AddBasePolicy(policy);
            options.MaximumBodySize = 8 * 1024 * 1024;
        });
        return services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedTypes;
        });
    }

    public static IApplicationBuilder UseSiteDelivery(this IApplicationBuilder app)
    {
        // Behind a proxy on this machine (README's nginx), the client's address and scheme are the ones it forwards:
        // login throttling, comment limits and https detection go by them. Other proxies are not believed.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        // Over https only (and never for localhost): a browser that has seen the site securely keeps to https.
        app.UseHsts();
        app.UseHeadAsGet();
        var pages = app.ApplicationServices.GetRequiredService<PageCache>();
        var follower = app.ApplicationServices.GetRequiredService<PageCacheFollower>();
        var paths = app.ApplicationServices.GetRequiredService<PublicPaths>();
        app.Use(async (context, next) =>
        {
            // What other processes changed is evicted before a public page is looked up or rendered.
            if (IsPublicRead(context.Request, paths)) await follower.CatchUpAsync(context.RequestAborted);
            await pages.AroundRequestAsync(context, next);
        });
        // Outside compression, so the cache keeps the compressed bytes; inside HEAD, so HEAD is answered from it too.
        app.UseOutputCache();
        app.UseResponseCompression();
        var cache = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<CdnOptions>>().Value;
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "SAMEORIGIN";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), browsing-topics=()";
            if (IsPublicRead(context.Request, paths)) await ConditionalAsync(context, next, cache);
            else await next(context);
        });
    }

    private static bool IsPublicRead(HttpRequest request, PublicPaths paths) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && paths.Contains(request.Path);

    /// <summary>Renders into a buffer, then answers 304 if the reader's copy is current, else sends the page with its validators.</summary>
    private static async Task ConditionalAsync(HttpContext context, RequestDelegate next, CdnOptions cache)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try { await next(context); }
        finally { response.Body = original; }

        // A response that sets a cookie, or answers a signed-in member, is someone's own and must never be shared by a cache.
        var personal = context.Request.Cookies.ContainsKey(Members.MemberAuthentication.CookieName);
        // A page that carries a form token says so itself (antiforgery marks it no-store, the comment form private): it
        // is one reader's even when no cookie is set on this request, and must not become a shared page.
        var own = response.Headers.CacheControl.ToString();
        var declaredPrivate = own.Contains("no-store", StringComparison.Ordinal) || own.Contains("private", StringComparison.Ordinal);
        if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.ETag)
            && !response.Headers.ContainsKey(HeaderNames.SetCookie) && !personal && !declaredPrivate)
        {
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..16])}\"", isWeak: true);
            response.Headers.ETag = etag.ToString();
            var lastModified = context.RequestServices.GetService<SitePages>()?.LoadedSite?.ContentChangedAt;
            if (lastModified is { } changed) response.Headers.LastModified = HeaderUtilities.FormatDate(TruncateToSeconds(changed));
            if (context.RequestServices.GetRequiredService<Addresses.SiteAddress>().Names(context.Request))
                response.Headers.CacheControl = $"public, max-age=0, must-revalidate, s-maxage={cache.SharedMaxAgeSeconds}, stale-while-revalidate=60";
            else
            {
                // Links in it name the Host this client sent: its browser may keep it, a shared cache may not. (The output
                // cache may: its entries are per host.)
                response.Headers.CacheControl = "private, max-age=0, must-revalidate";
                context.Items[HostBound] = true;
            }
            // Fastly and Cloudflare purge by these names; the CDN purge consumer sends the names that an event gives.
            var tags = string.Join(' ', CacheKeys.Of(context).Select(cache.TagOf).Prepend(cache.Tag).Distinct());
            response.Headers["Surrogate-Key"] = tags;
            response.Headers["Cache-Tag"] = tags.Replace(' ', ',');
            response.Headers.Vary = string.IsNullOrEmpty(response.Headers.Vary) ? "Accept-Encoding" : response.Headers.Vary + ", Accept-Encoding";
            if (NotModified(context.Request, etag, lastModified))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }
        else if (personal)
        {
            response.Headers.CacheControl = "private, no-cache";
        }
        else if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
        {
            response.Headers.CacheControl = "no-cache";
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison); If-Modified-Since only without it.</summary>
    public static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTime? lastModified)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Count > 0)
            return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
        return lastModified is { } changed && request.GetTypedHeaders().IfModifiedSince is { } since
            && TruncateToSeconds(changed) <= since.UtcDateTime;
    }

    private static DateTime TruncateToSeconds(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
