using Masthead.Publishing.Theme;

namespace Masthead.Publishing.Sharing;

public sealed record ShareLink(string Network, string Label, string Url);

/// <summary>
/// Plain links to each network's own share address, built here: the page loads nothing from them, so no script, pixel or
/// cookie of theirs reaches a reader who does not click. Mastodon has no central address; its link asks for the
/// reader's instance (<see cref="MastodonPath"/>).
/// </summary>
public static class ShareLinks
{
    public const string MastodonPath = "/share/mastodon";

    public static IReadOnlyList<ShareLink> For(string url, string title)
    {
        var u = Uri.EscapeDataString(url);
        var t = Uri.EscapeDataString(title);
        var both = Uri.EscapeDataString($"{title} {url}");
        return
        [
            new("email", "Email", $"mailto:?subject={t}&body={both}"),
            new("x", "X", $"https://x.com/intent/post?url={u}&text={t}"),
            new("facebook", "Facebook", $"https://www.facebook.com/sharer/sharer.php?u={u}"),
            new("linkedin", "LinkedIn", $"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
            new("reddit", "Reddit", $"https://www.reddit.com/submit?url={u}&title={t}"),
            new("telegram", "Telegram", $"https://t.me/share/url?url={u}&text={t}"),
            new("whatsapp", "WhatsApp", $"https://wa.me/?text={both}"),
            new("mastodon", "Mastodon", $"{MastodonPath}?text={both}"),
        ];
    }

    /// <summary>"mastodon.social" or "https://mastodon.social/" → the host alone; null if it is not a plain host name.</summary>
    public static string? InstanceHost(string? typed)
    {
        var text = typed?.Trim() ?? "";
        if (!text.Contains("://")) text = "https://" + text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
               && uri.HostNameType == UriHostNameType.Dns && uri.Host.Contains('.') && uri.PathAndQuery == "/" && uri.UserInfo == ""
            ? uri.IdnHost + (uri.IsDefaultPort ? "" : ":" + uri.Port)
            : null;
    }

    public static IEndpointRouteBuilder MapShareLinks(this IEndpointRouteBuilder routes)
    {
        // Without JavaScript the Mastodon link lands here: a form asks for the instance, then this sends the reader on.
        routes.MapGet(MastodonPath, async (string? text, string? instance, SitePages pages, CancellationToken cancellation) =>
        {
            if (instance is not null && InstanceHost(instance) is { } host)
                return Results.Redirect($"https://{host}/share?text={Uri.EscapeDataString(text ?? "")}");
            return await pages.RenderAsync("share-mastodon", "Share on Mastodon", new()
            {
                ["text"] = text ?? "",
                ["instance"] = instance,
                ["problem"] = instance is null ? null : $"“{instance}” is not the address of a Mastodon instance, such as mastodon.social.",
            }, cancellation, meta: null, statusCode: instance is null ? 200 : 422);
        });
        return routes;
    }
}
