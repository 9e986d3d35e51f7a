using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Media;

/// <summary>A picture from the media library as pages show it: its size, and its variants for the browser to choose from.</summary>
public sealed record PictureView(string Src, int Width, int Height, string? Srcset, string? WebpSrcset, string Sizes, string Alt)
{
    /// <summary>The copy to hand to other sites (Open Graph, structured data): the widest no wider than 1200 px.</summary>
    public (string Src, int Width, int Height) Shared { get; init; } = (Src, Width, Height);
}

/// <summary>
/// Pictures of the media library made responsive where they are shown: width and height (no layout shift), a srcset of
/// the variants in the original format and a WebP source, sizes for the theme's column; lazy loading for all but the first
/// picture of a page. Pictures from elsewhere keep their address and only load lazily.
/// </summary>
public static partial class ResponsiveImages
{
    /// <summary>The theme's column: 40rem wide, less its padding on a narrow screen.</summary>
    public const string ColumnSizes = "(max-width: 42rem) calc(100vw - 2rem), 40rem";

    /// <summary>Open Graph asks for at least 1200 px wide; larger only costs the sites that fetch it.</summary>
    public const int SharedWidth = 1200;

    [GeneratedRegex("/media/([0-9a-f]{64})(?:-[0-9]+)?\\.[a-z]+", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex MediaAddress();

    /// <summary>The media library's files a body or an address points at, by hash.</summary>
    public static IEnumerable<string> HashesIn(string? html) =>
        html is null ? [] : MediaAddress().Matches(html).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>The media library's items that these bodies and addresses point at, by hash: one query, none when they point at none.</summary>
    public static async Task<IReadOnlyDictionary<string, MediaItem>> PicturesInAsync(Data.MastheadDb db, IEnumerable<string?> htmlOrAddresses,
        CancellationToken cancellation)
    {
        var hashes = htmlOrAddresses.SelectMany(HashesIn).Distinct().ToList();
        return hashes.Count == 0 ? new Dictionary<string, MediaItem>()
            : await db.Media.AsNoTracking().Where(m => hashes.Contains(m.Hash)).ToDictionaryAsync(m => m.Hash, cancellation);
    }

    /// <summary>The media library's item at this address (the file itself or one of its variants), or null.</summary>
    public static MediaItem? Item(string? address, IReadOnlyDictionary<string, MediaItem> media) =>
        address is not null && MediaAddress().Match(address) is { Success: true } match && match.Value == address
            && media.TryGetValue(match.Groups[1].Value, out var item) ? item : null;

    public static PictureView? For(string? address, IReadOnlyDictionary<string, MediaItem> media, string? alt = null)
    {
        if (Item(address, media) is not { Width: { } width, Height: { } height } item) return null;
        string? Set(string extension) => item.VariantWidths.Count == 0 ? null
            : string.Join(", ", item.VariantWidths.Select(w => $"{MediaRoutes.Url(ImageVariants.FileName(item.Hash, w, extension))} {w}w")
                .Append($"{item.Url} {width}w"));
        var narrower = item.VariantWidths.Where(w => w <= SharedWidth).DefaultIfEmpty().Max();
        var shared = width > SharedWidth && narrower > 0
            ? (MediaRoutes.Url(ImageVariants.FileName(item.Hash, narrower, item.Extension)), narrower,
                (int)Math.Round(height * narrower / (double)width, MidpointRounding.AwayFromZero))
            : (item.Url, width, height);
        return new PictureView(item.Url, width, height, Set(item.Extension), item.Extension == ".webp" ? null : Set(".webp"), ColumnSizes,
            alt ?? item.Alt ?? "") { Shared = shared };
    }

    /// <summary>
    /// The pictures of a body that users of screen readers would get nothing for: no alt text where they are placed and
    /// none in the media library. An empty alt is also how a writer marks a picture as decoration, so this is a question
    /// asked before publishing, not a refusal.
    /// </summary>
    public static IReadOnlyList<string> WithoutAlt(string html, IReadOnlyDictionary<string, MediaItem> media)
    {
        if (!html.Contains("<img", StringComparison.OrdinalIgnoreCase)) return [];
        return [.. new HtmlParser().ParseDocument("<body>" + html).Body!.QuerySelectorAll("img")
            .Where(img => string.IsNullOrWhiteSpace(img.GetAttribute("alt")) && string.IsNullOrWhiteSpace(Item(img.GetAttribute("src"), media)?.Alt))
            .Select(img => img.GetAttribute("src") ?? "")];
    }

    /// <summary>
    /// A body for other sites and readers (feeds, the Content API): each library picture at the width other sites are
    /// given (<see cref="SharedWidth"/>) with its size and, when the writer gave none, the library's alt text; no srcset
    /// (a feed reader has no column to size it for). Other pictures are left as they are.
    /// </summary>
    public static string ForOtherSites(string html, IReadOnlyDictionary<string, MediaItem> media)
    {
        if (!html.Contains("/media/", StringComparison.Ordinal) || !html.Contains("<img", StringComparison.OrdinalIgnoreCase)) return html;
        var document = new HtmlParser().ParseDocument("<body>" + html);
        foreach (var img in document.Body!.QuerySelectorAll("img"))
        {
            if (For(img.GetAttribute("src"), media, img.GetAttribute("alt") is { Length: > 0 } written ? written : null) is not { } picture) continue;
            img.SetAttribute("src", picture.Shared.Src);
            img.SetAttribute("width", picture.Shared.Width.ToString(CultureInfo.InvariantCulture));
            img.SetAttribute("height", picture.Shared.Height.ToString(CultureInfo.InvariantCulture));
            img.SetAttribute("alt", picture.Alt);
        }
        return document.Body.InnerHtml;
    }

    /// <summary>The body with its pictures made responsive; <paramref name="firstIsEager"/> when no picture comes before it.</summary>
    public static string Enhance(string html, IReadOnlyDictionary<string, MediaItem> media, bool firstIsEager)
    {
        if (!html.Contains("<img", StringComparison.OrdinalIgnoreCase)) return html;
        var document = new HtmlParser().ParseDocument("<body>" + html);
        var first = true;
        foreach (var img in document.Body!.QuerySelectorAll("img").ToList())
        {
            img.SetAttribute("decoding", "async");
            if (!(first && firstIsEager)) img.SetAttribute("loading", "lazy");
            first = false;
            // The text the writer gave wins; an image inserted without one takes the library's.
            if (For(img.GetAttribute("src"), media, img.GetAttribute("alt") is { Length: > 0 } written ? written : null) is not { } picture) continue;
            img.SetAttribute("alt", picture.Alt);
            img.SetAttribute("width", picture.Width.ToString(CultureInfo.InvariantCulture));
            img.SetAttribute("height", picture.Height.ToString(CultureInfo.InvariantCulture));
            if (picture.Srcset is null) continue;
            img.SetAttribute("srcset", picture.Srcset);
            img.SetAttribute("sizes", picture.Sizes);
            if (picture.WebpSrcset is null || img.ParentElement?.LocalName == "picture") continue;
            var wrapper = document.CreateElement("picture");
            var source = document.CreateElement("source");
            source.SetAttribute("type", "image/webp");
            source.SetAttribute("srcset", picture.WebpSrcset);
            source.SetAttribute("sizes", picture.Sizes);
            img.Replace(wrapper);
            wrapper.AppendChild(source);
            wrapper.AppendChild(img);
        }
        return document.Body.InnerHtml;
    }
}
