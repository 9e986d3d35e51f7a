using System.Net;
using System.Text.RegularExpressions;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Theme;

/// <summary>What every public page knows of the publication: its name and the notices in its footer.</summary>
public sealed partial record SiteView(
    string Name,
    string? Tagline,
    string? ReaderNote,
    string? DisclaimerHtml,
    string? RepublicationPolicyHtml,
    string? CopyrightNoticeHtml,
    string? MediaContactHtml,
    string? CommentCall,
    string? MembershipCall,
    string MembershipUrl)
{
    public TimeZoneInfo Zone { get; init; } = TimeZoneInfo.Utc;
    public int PageSize { get; init; } = 10;
    /// <summary>Scheme, host and any path base, without a trailing slash: "https://news.example.org".</summary>
    public string BaseUrl { get; init; } = "http://localhost";
    public bool FeedFullContent { get; init; } = true;
    /// <summary>When anything readers see last changed (Last-Modified of every public page), or null if never recorded.</summary>
    public DateTime? ContentChangedAt { get; init; }
    public Comments.CommentsMode CommentsMode { get; init; }
    public int CommentsCloseAfterDays { get; init; }
    /// <summary>The publication's logo with its size and variants, shown in the masthead; null without one.</summary>
    public Media.PictureView? Logo { get; init; }
    /// <summary>The media library's file the icons are made from (<see cref="Media.SiteIcons"/>); null: the default icon.</summary>
    public string? IconFile { get; init; }

    public string Absolute(string path) => path.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? path : BaseUrl + path;

    /// <summary>An image's absolute address, or null for one that breaks <see cref="WebAddress.IsImage"/> (stored before the rule).</summary>
    public string? AbsoluteImage(string? path) => WebAddress.IsImage(path) ? Absolute(path!) : null;

    /// <summary>A body for readers with no page address to resolve "/media/…" against (feeds, other origins, mail): site-relative links made absolute.</summary>
    public string AbsoluteLinks(string html) => SiteRelative().Replace(html, m => $"{m.Groups[1].Value}=\"{BaseUrl}/");

    [GeneratedRegex("""\b(href|src)="/(?!/)""")]
    private static partial Regex SiteRelative();

    public static async Task<SiteView> LoadAsync(MastheadDb db, CancellationToken cancellation)
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellation) ?? new SiteSettings();
        var name = string.IsNullOrWhiteSpace(settings.Name) ? "Masthead" : settings.Name;
        var media = await Media.ResponsiveImages.PicturesInAsync(db, [settings.Logo, settings.Icon], cancellation);
        return new SiteView(
            name,
            settings.Tagline,
            settings.ReaderNote,
            NoticeHtml(settings.Disclaimer),
            NoticeHtml(settings.RepublicationPolicy),
            NoticeHtml(settings.CopyrightNotice),
            NoticeHtml(settings.MediaContact),
            settings.CommentCall,
            settings.MembershipCall,
            SiteRoutes.Membership)
        {
            Zone = SiteTime.Zone(settings.TimeZone), PageSize = Math.Clamp(settings.PageSize, 1, 100),
            FeedFullContent = settings.FeedFullContent, ContentChangedAt = settings.ContentChangedAt,
            CommentsMode = settings.CommentsMode, CommentsCloseAfterDays = settings.CommentsCloseAfterDays,
            Logo = Media.ResponsiveImages.For(settings.Logo, media, alt: name) is { } logo ? logo with { Sizes = "(max-width: 42rem) 60vw, 20rem" } : null,
            IconFile = Media.ResponsiveImages.Item(settings.Icon, media) is { IsImage: true } icon ? icon.FileName : null,
        };
    }

    /// <summary>Notices are plain text written by editors: encoded, with e-mail addresses made into mailto links.</summary>
    public static string? NoticeHtml(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
            : EmailAddress().Replace(WebUtility.HtmlEncode(text), m => $"<a href=\"mailto:{m.Value}\">{m.Value}</a>");

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailAddress();
}
