using System.Buffers.Binary;
using NetVips;

namespace Masthead.Media;

/// <summary>
/// The publication's icons where browsers and phones look for them: <c>/favicon.ico</c> (16, 32 and 48 px), PNGs at 192
/// and 512 px for the web app manifest and structured data, and <c>/apple-touch-icon.png</c> (180 px). Until the
/// publication sets its own icon they are drawn from the theme's colours: a dark red square with the masthead's
/// double rule, so no page asks for an icon in vain.
/// </summary>
public static class SiteIcons
{
    public const string Largest = "/icon-512.png";

    private static readonly Lazy<byte[]> Square = new(() =>
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

    private static readonly Dictionary<int, Lazy<byte[]>> Pngs = new[] { 16, 32, 48, 180, 192, 512 }
        .ToDictionary(size => size, size => new Lazy<byte[]>(() => Png(size)));

    private static readonly Lazy<byte[]> Ico = new(() => IcoOf([16, 32, 48]));

    private static byte[] Png(int size)
    {
        using var icon = Image.ThumbnailBuffer(Square.Value, size, height: size, crop: Enums.Interesting.Centre);
        return icon.PngsaveBuffer(keep: Enums.ForeignKeep.None);
    }

    /// <summary>An ICO file holding PNGs (readable by every browser since Internet Explorer 9).</summary>
    private static byte[] IcoOf(int[] sizes)
    {
        var images = sizes.Select(size => Pngs[size].Value).ToArray();
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

    public static IEndpointRouteBuilder MapSiteIcons(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/favicon.ico", () => Results.Bytes(Ico.Value, "image/x-icon"));
        routes.MapGet("/apple-touch-icon.png", () => Results.Bytes(Pngs[180].Value, "image/png"));
        routes.MapGet("/icon-192.png", () => Results.Bytes(Pngs[192].Value, "image/png"));
        routes.MapGet(Largest, () => Results.Bytes(Pngs[512].Value, "image/png"));
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
