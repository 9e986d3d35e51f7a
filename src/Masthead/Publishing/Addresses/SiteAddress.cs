using Microsoft.Extensions.Options;

namespace Masthead.Publishing.Addresses;

/// <summary>The site's public address: Masthead:SiteUrl, or the request's own scheme and host. Links in pages, feeds and mail start here.</summary>
public sealed class SiteAddress(IHttpContextAccessor http, IOptions<MastheadOptions> options, IConfiguration configuration)
{
    private readonly Microsoft.Extensions.Primitives.StringSegment[] allowedHosts =
        (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(h => h != "*").Select(h => new Microsoft.Extensions.Primitives.StringSegment(h)).ToArray();

    /// <summary>
    /// Whether links built for this request name the site rather than whatever Host the client sent: true with
    /// Masthead:SiteUrl, or when the Host is one that AllowedHosts names. Otherwise the answer may hold a stranger's host
    /// name (canonical, og:url, feed links) and must not be kept by a shared cache.
    /// </summary>
    public bool Names(HttpRequest request) =>
        options.Value.SiteUrl is { Length: > 0 } || (allowedHosts.Length > 0 && HostString.MatchesAny(request.Host.Host, allowedHosts));

    public string Base
    {
        get
        {
            if (options.Value.SiteUrl is { Length: > 0 } configured) return configured.TrimEnd('/');
            var request = http.HttpContext?.Request;
            return request is null ? "http://localhost" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public string Absolute(string path) => Base + path;
}
