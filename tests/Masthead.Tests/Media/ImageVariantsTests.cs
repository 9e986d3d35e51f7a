using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Masthead.Staff;
using Masthead.Tests.Admin;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetVips;

namespace Masthead.Tests.Media;

/// <summary>Uploaded pictures: upright, stripped of their metadata, resized once to the theme's widths in their format and WebP.</summary>
public sealed class ImageVariantsTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>An EXIF block as a camera writes it: orientation 6 (turn 90° clockwise to view) and a GPS latitude.</summary>
    private static byte[] Exif()
    {
        var tiff = new byte[92];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        void Entry(int at, ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), count);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), value);
        }
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 2);
        Entry(10, 0x0112, 3, 1, 6);        // Orientation
        Entry(22, 0x8825, 4, 1, 38);       // GPS IFD at 38
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(38), 2);
        Entry(40, 0x0001, 2, 2, 'N');      // GPSLatitudeRef "N"
        Entry(52, 0x0002, 5, 3, 68);       // GPSLatitude: three rationals at 68
        foreach (var (i, value) in new[] { (0, 52u), (1, 1u), (2, 31u), (3, 1u), (4, 12u), (5, 1u) })
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(68 + 4 * i), value);
        return [.. "Exif\0\0"u8, .. tiff];
    }

    /// <summary>A 3000 × 2000 JPEG (as stored by the camera: landscape pixels, to be shown portrait) with the EXIF above.</summary>
    private static byte[] CameraJpeg()
    {
        using var xy = Image.Xyz(3000, 2000);
        using var red = (xy[0] / 12).Cast(Enums.BandFormat.Uchar);
        using var green = (xy[1] / 8).Cast(Enums.BandFormat.Uchar);
        using var picture = red.Bandjoin(green, red).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = picture.Mutate(m =>
        {
            m.Set(GValue.BlobType, "exif-data", Exif());
            m.Set(GValue.GIntType, "orientation", 6);
        });
        return tagged.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.All);
    }

    private static Task<HttpResponseMessage> UploadAsync(StaffClient client, string fileName, byte[] content, string claimedType) =>
        MediaSteps.UploadAsync(client, fileName, content, claimedType);

    private static string[] MetadataOf(Image image) => image.GetFields().Where(f => f.StartsWith("exif", StringComparison.Ordinal)
        || f.StartsWith("xmp", StringComparison.Ordinal) || f.StartsWith("iptc", StringComparison.Ordinal) || f == "orientation").ToArray();

    [Fact]
    public void The_generated_photo_carries_the_orientation_and_location_a_camera_writes()
    {
        using var photo = Image.NewFromBuffer(CameraJpeg());
        Assert.Equal((3000, 2000, 6), (photo.Width, photo.Height, (int)photo.Get("orientation")));
        Assert.Contains("exif-ifd3-GPSLatitude", photo.GetFields());
    }

    [Fact]
    public async Task A_camera_photo_is_stored_upright_without_metadata_with_a_variant_per_width_in_jpeg_and_webp()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(author, "harbour.jpg", CameraJpeg(), "image/jpeg")).StatusCode);
        var item = await app.WithDbAsync(db => db.Media.SingleAsync(Cancel));
        Assert.Equal((2000, 3000), (item.Width, item.Height));
        Assert.Equal([480, 800, 1200, 1600], item.VariantWidths);
        // The library's list shows the smallest copy, not the full-size picture.
        var library = await author.GetPageAsync("/admin/media");
        Assert.Equal($"/media/{item.Hash}-480.jpg", library.QuerySelector($"tr[data-hash='{item.Hash}'] img")!.GetAttribute("src"));

        using var reader = app.CreateClient();
        async Task<Image> ServedAsync(string url, string type)
        {
            using var response = await reader.GetAsync(url, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            return Image.NewFromBuffer(await response.Content.ReadAsByteArrayAsync(Cancel));
        }
        using (var full = await ServedAsync(item.Url, "image/jpeg"))
        {
            Assert.Equal((2000, 3000), (full.Width, full.Height));
            Assert.Empty(MetadataOf(full));
        }
        foreach (var width in item.VariantWidths)
            foreach (var (extension, type) in new[] { (".jpg", "image/jpeg"), (".webp", "image/webp") })
            {
                using var variant = await ServedAsync($"/media/{item.Hash}-{width}{extension}", type);
                Assert.Equal((width, width * 3 / 2), (variant.Width, variant.Height));
                Assert.Empty(MetadataOf(variant));
            }
        foreach (var unknown in new[] { $"/media/{item.Hash}-2400.jpg", $"/media/{item.Hash}-480.png", $"/media/{item.Hash}-0480.jpg", $"/media/{item.Hash}-480.jpg.part" })
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(unknown, Cancel)).StatusCode);
        // Nothing of the upload as sent is kept: the location is in no file.
        foreach (var file in Directory.GetFiles(Path.Combine(app.DataFolder, "media"), "*", SearchOption.AllDirectories))
        {
            using var stored = Image.NewFromFile(file);
            Assert.DoesNotContain("exif-ifd3-GPSLatitude", stored.GetFields());
        }
    }

    [Fact]
    public async Task A_webp_gets_webp_variants_a_gif_is_kept_as_sent_and_a_broken_jpeg_is_refused_with_its_name()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        using var plain = Image.Black(1000, 500, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        await UploadAsync(author, "wide.webp", plain.WebpsaveBuffer(), "image/webp");
        var gif = plain.GifsaveBuffer();
        await UploadAsync(author, "wide.gif", gif, "image/gif");
        var items = await app.WithDbAsync(db => db.Media.OrderBy(m => m.Id).ToListAsync(Cancel));
        Assert.Equal(("image/webp", "480,800", 1000, 500), (items[0].ContentType, items[0].Variants, items[0].Width!.Value, items[0].Height!.Value));
        Assert.Equal(("image/gif", null, 1000), (items[1].ContentType, items[1].Variants, items[1].Width!.Value));
        using var reader = app.CreateClient();
        Assert.Equal(gif, await reader.GetByteArrayAsync(items[1].Url, Cancel));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/media/{items[0].Hash}-800.webp", Cancel)).StatusCode);

        byte[] broken = [.. plain.JpegsaveBuffer().Take(400)];
        var refused = await UploadAsync(author, "torn.jpg", broken, "image/jpeg");
        var page = await StaffClient.ParseAsync(refused);
        Assert.Contains(page.QuerySelectorAll(".errors li, .error, [role=alert]"), e => e.TextContent.Contains("“torn.jpg” was not stored"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Media.CountAsync(Cancel)));
    }

    [Fact]
    public async Task The_article_page_sizes_its_pictures_offers_their_variants_and_loads_all_but_the_first_lazily()
    {
        using var editor = await StaffClient.AsAsync(app, StaffRole.Editor);
        using var plain = Image.Black(3000, 2000, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        await UploadAsync(editor, "harbour.jpg", plain.JpegsaveBuffer(), "image/jpeg");
        using var small = Image.Black(600, 400, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        await UploadAsync(editor, "chart.png", small.PngsaveBuffer(), "image/png");
        var (photo, chart) = await app.WithDbAsync(async db => (await db.Media.SingleAsync(m => m.Extension == ".jpg", Cancel), await db.Media.SingleAsync(m => m.Extension == ".png", Cancel)));
        await app.WithDbAsync(async db =>
        {
            (await db.Media.SingleAsync(m => m.Id == chart.Id, Cancel)).Alt = "Chart of the tides";
            await db.SaveChangesAsync(Cancel);
        });
        // The featured photo has no alt text anywhere: publishing asks, and is confirmed.
        Assert.Equal(HttpStatusCode.Redirect, (await BackOffice.PostArticleAsync(editor, null, "Publish", new()
        {
            ["Form.Headline"] = "Harbour at dawn", ["Form.BodyMarkdown"] = $"The quay.\n\n![]({chart.Url})\n\n![Elsewhere](https://photos.example/x.jpg)",
            ["Form.FeaturedImage"] = photo.Url,
        }, confirmed: true)).StatusCode);

        var page = await StaffClient.ParseAsync(await app.CreateClient().GetAsync("/harbour-at-dawn/", Cancel));
        var featured = page.QuerySelector("figure.featured-image picture img")!;
        Assert.Equal(("3000", "2000", null, "async", "high"), (featured.GetAttribute("width"), featured.GetAttribute("height"), featured.GetAttribute("loading"),
            featured.GetAttribute("decoding"), featured.GetAttribute("fetchpriority")));
        Assert.Equal([$"/media/{photo.Hash}-480.jpg 480w", $"/media/{photo.Hash}-800.jpg 800w", $"/media/{photo.Hash}-1200.jpg 1200w",
            $"/media/{photo.Hash}-1600.jpg 1600w", $"/media/{photo.Hash}-2400.jpg 2400w", $"{photo.Url} 3000w"], featured.GetAttribute("srcset")!.Split(", "));
        Assert.Equal(Masthead.Media.ResponsiveImages.ColumnSizes, featured.GetAttribute("sizes"));
        var webp = page.QuerySelector("figure.featured-image picture source[type='image/webp']")!;
        Assert.StartsWith($"/media/{photo.Hash}-480.webp 480w, ", webp.GetAttribute("srcset"));

        // Other sites get the 1200 px copy with its size.
        Assert.Equal(($"/media/{photo.Hash}-1200.jpg", "1200", "800"), (new Uri(page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!).AbsolutePath,
            page.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"), page.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content")));
        using (var data = System.Text.Json.JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent))
        {
            var image = data.RootElement.GetProperty("image")[0];
            Assert.Equal(("ImageObject", $"/media/{photo.Hash}-1200.jpg", 1200, 800), (image.GetProperty("@type").GetString(),
                new Uri(image.GetProperty("url").GetString()!).AbsolutePath, image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        }

        var feed = System.Xml.Linq.XDocument.Parse(await app.CreateClient().GetStringAsync("/feed/", Cancel));
        Assert.Equal($"/media/{photo.Hash}-1200.jpg", new Uri((string)feed.Descendants("item").Single().Element("enclosure")!.Attribute("url")!).AbsolutePath);
        // The body in the feed: library pictures at an absolute address with their size and the library's alt text, no srcset.
        System.Xml.Linq.XNamespace content = "http://purl.org/rss/1.0/modules/content/";
        var fed = Html.Parse((string)feed.Descendants("item").Single().Element(content + "encoded")!).QuerySelectorAll("img");
        Assert.Equal((chart.Url, "600", "400", "Chart of the tides", null), (new Uri(fed[0].GetAttribute("src")!).AbsolutePath, fed[0].GetAttribute("width"),
            fed[0].GetAttribute("height"), fed[0].GetAttribute("alt"), fed[0].GetAttribute("srcset")));
        Assert.Equal("https://photos.example/x.jpg", fed[1].GetAttribute("src"));
        // The Content API names the 1200 px copy as the feature image.
        var key = await app.WithDbAsync(async db => (await global::Masthead.ContentApi.ContentKeys.CreateAsync(db, "tests", DateTime.UtcNow)).Value!.Secret);
        using (var posts = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/ghost/api/content/posts/?key={key}", Cancel)))
            Assert.Equal($"/media/{photo.Hash}-1200.jpg", new Uri(posts.RootElement.GetProperty("posts")[0].GetProperty("feature_image").GetString()!).AbsolutePath);

        var body = page.QuerySelectorAll(".article-body img").ToList();
        Assert.Equal(2, body.Count);
        Assert.Equal(("600", "400", "lazy", "async", "Chart of the tides"), (body[0].GetAttribute("width"), body[0].GetAttribute("height"),
            body[0].GetAttribute("loading"), body[0].GetAttribute("decoding"), body[0].GetAttribute("alt")));
        Assert.Equal($"/media/{chart.Hash}-480.png 480w, {chart.Url} 600w", body[0].GetAttribute("srcset"));
        Assert.Equal("picture", body[0].ParentElement!.LocalName);
        Assert.Equal(("https://photos.example/x.jpg", null, "lazy"), (body[1].GetAttribute("src"), body[1].GetAttribute("width"), body[1].GetAttribute("loading")));
    }

    [Fact]
    public async Task Pictures_stored_before_variants_get_them_from_the_command_line_once()
    {
        var folder = Path.Combine(app.DataFolder, "media");
        async Task<Masthead.Media.MediaItem> StoredAsync(byte[] bytes, bool withFile)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            if (withFile)
            {
                Directory.CreateDirectory(Path.Combine(folder, hash[..2]));
                await File.WriteAllBytesAsync(Path.Combine(folder, hash[..2], hash + ".jpg"), bytes, Cancel);
            }
            var item = new Masthead.Media.MediaItem { Hash = hash, Extension = ".jpg", ContentType = "image/jpeg", OriginalName = "old.jpg", Size = bytes.Length, UploadedAt = DateTime.UtcNow };
            await app.WithDbAsync(async db => { db.Media.Add(item); await db.SaveChangesAsync(Cancel); });
            return item;
        }
        var old = await StoredAsync(CameraJpeg(), withFile: true);
        using var other = Image.Black(700, 300, bands: 3).Copy(interpretation: Enums.Interpretation.Srgb);
        var lost = await StoredAsync(other.JpegsaveBuffer(), withFile: false);

        var (exit, lines) = await app.RunCliAsync("media", "variants");
        Assert.Equal(1, exit);
        Assert.Equal([$"refused: old.jpg ({lost.FileName}): the file is missing", "1 pictures given their variants, 1 refused"], lines.TakeLast(2));
        var done = await app.WithDbAsync(db => db.Media.SingleAsync(m => m.Id == old.Id, Cancel));
        Assert.Equal(("480,800,1200,1600", 2000, 3000), (done.Variants, done.Width!.Value, done.Height!.Value));
        using (var stored = Image.NewFromFile(Path.Combine(folder, old.Hash[..2], old.FileName)))
            Assert.DoesNotContain("exif-ifd3-GPSLatitude", stored.GetFields());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/media/{old.Hash}-800.webp", Cancel)).StatusCode);

        Assert.Equal("0 pictures given their variants, 1 refused", (await app.RunCliAsync("media", "variants")).Lines[^1]);
    }
}
