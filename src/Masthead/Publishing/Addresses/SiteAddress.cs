using Microsoft.Extensions.Options;

namespace Masthead.Publishing.Addresses;

/// <summary>The site's public address: Masthead:SiteUrl, or the request's own scheme and host. Links in pages, feeds and mail start here.</summary>
public sealed class SiteAddress(IHttpContextAccessor http, IOptions<MastheadOptions> options)
{
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
