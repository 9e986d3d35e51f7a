using System.Buffers.Binary;
using System.Collections.Concurrent;
using NetVips;

namespace Masthead.Media;

/// <summary>
/// The publication's icons where browsers and phones look for them: <c>/favicon.ico</c> (16, 32 and 48 px), PNGs at 192
/// and 512 px for the web app manifest and structured data, and <c>/apple-touch-icon.png</c> (180 px), made from the
/// square picture chosen in the site's settings (cropped to its centre if it is not square). Until one is chosen they
/// are drawn from the theme's colours: a dark red square with the masthead's double rule, so no page asks in vain.
/// </summary>
public sealed class SiteIcons(DataFolder data, ILogger<SiteIcons> log)
{
    public const string Largest = "/icon-512.png";
    private static readonly int[] Sizes = [16, 32, 48, 180, 192, 512];

    private static readonly Lazy<byte[]> DefaultSquare = new(() =>
    {
        using var red = Image.Black(512, 512, bands: 3).NewFromImage(139, 0, 0);
        using var rules = Image.Black(512, 512, bands: 1).Mutate(m =>
        {
            m.DrawRect([255], 96, 300, 320, 28, fill: true);
            m.DrawRect([255], 96, 356, 320, 28, fill: true);
        });
        using var white = red.NewFromImage(255, 255, 255);
        using var drawn = rules.Ifthenelse(white, red).Copy(interpretation: Enums.Interpretation.Srgb);
        return drawn.PngsaveBuffer(keep: Enums.ForeignKeep.None);
    });

    /// <summary>Icons made from each source, by the source's file name ("" for the default); files are named by content, so never stale.</summary>
    private readonly ConcurrentDictionary<string, Lazy<IconSet>> sets = new();

    internal sealed class IconSet
    {
        public required Dictionary<int, byte[]> Pngs { get; init; }
        public required byte[] Ico { get; init; }
    }

    internal IconSet IconsFor(string? iconFile)
    {
        if (sets.Count > 8) sets.Clear();
        return sets.GetOrAdd(iconFile ?? "", file => new Lazy<IconSet>(() => Make(file))).Value;
    }

    private IconSet Make(string file)
    {
        var source = DefaultSquare.Value;
        var path = file.Length == 0 ? null : MediaLibrary.PathOf(data, file);
        if (path is not null && File.Exists(path)) source = File.ReadAllBytes(path);
        else if (path is not null) log.LogWarning("The site icon {File} is not in the media folder; the default icon is served", file);
        var pngs = Sizes.ToDictionary(size => size, size =>
        {
            using var icon = Image.ThumbnailBuffer(source, size, height: size, crop: Enums.Interesting.Centre, size: Enums.Size.Both);
            using var opaque = icon.HasAlpha() ? icon : icon.Copy();
            return opaque.PngsaveBuffer(keep: Enums.ForeignKeep.None);
        });
        return new IconSet { Pngs = pngs, Ico = IcoOf(pngs, [16, 32, 48]) };
    }

    /// <summary>An ICO file holding PNGs (readable by every browser since Internet Explorer 9).</summary>
    private static byte[] IcoOf(Dictionary<int, byte[]> pngs, int[] sizes)
    {
        var images = sizes.Select(size => pngs[size]).ToArray();
        var ico = new byte[6 + 16 * sizes.Length + images.Sum(i => i.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(ico.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(ico.AsSpan(4), (ushort)sizes.Length);
        var offset = 6 + 16 * sizes.Length;
        for (var i = 0; i < sizes.Length; i++)
        {
            var entry = ico.AsSpan(6 + 16 * i);
            entry[0] = entry[1] = (byte)sizes[i];
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 32);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)images[i].Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)offset);
            images[i].CopyTo(ico.AsSpan(offset));
            offset += images[i].Length;
        }
        return ico;
    }
}

public static class SiteIconEndpoints
{
    public static IEndpointRouteBuilder MapSiteIcons(this IEndpointRouteBuilder routes)
    {
        static async Task<IResult> Png(int size, SiteIcons icons, Publishing.Theme.SitePages pages, CancellationToken cancellation) =>
            Results.Bytes(icons.IconsFor((await pages.SiteAsync(cancellation)).IconFile).Pngs[size], "image/png");
        routes.MapGet("/favicon.ico", async (SiteIcons icons, Publishing.Theme.SitePages pages, CancellationToken cancellation) =>
            Results.Bytes(icons.IconsFor((await pages.SiteAsync(cancellation)).IconFile).Ico, "image/x-icon"));
        routes.MapGet("/apple-touch-icon.png", (SiteIcons icons, Publishing.Theme.SitePages pages, CancellationToken c) => Png(180, icons, pages, c));
        routes.MapGet("/icon-192.png", (SiteIcons icons, Publishing.Theme.SitePages pages, CancellationToken c) => Png(192, icons, pages, c));
        routes.MapGet(SiteIcons.Largest, (SiteIcons icons, Publishing.Theme.SitePages pages, CancellationToken c) => Png(512, icons, pages, c));
        routes.MapGet("/manifest.webmanifest", async (Publishing.Theme.SitePages pages, CancellationToken cancellation) =>
        {
            var site = await pages.SiteAsync(cancellation);
            return Results.Json(new Dictionary<string, object>
            {
                ["name"] = site.Name, ["short_name"] = site.Name, ["start_url"] = "/", ["display"] = "browser", ["theme_color"] = "#8b0000",
                ["background_color"] = "#ffffff",
                ["icons"] = new[] { 192, 512 }.Select(size => new Dictionary<string, string>
                    { ["src"] = $"/icon-{size}.png", ["sizes"] = $"{size}x{size}", ["type"] = "image/png" }).ToArray(),
            }, contentType: "application/manifest+json");
        });
        return routes;
    }
}
