using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetVips;

namespace Masthead.Tests.Media;

/// <summary>Without an icon of its own the publication still has one everywhere browsers, phones and search engines look.</summary>
public sealed class SiteIconTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();
    private HttpClient reader = null!;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        await app.ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage, Cancel));
        reader = app.CreateClient();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<byte[]> GetAsync(string url, string type)
    {
        using var response = await reader.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    [Fact]
    public async Task The_favicon_holds_three_sizes_of_png_and_the_touch_and_manifest_icons_are_square_pngs()
    {
        var ico = await GetAsync("/favicon.ico", "image/x-icon");
        Assert.Equal((0, 1, 3), (BinaryPrimitives.ReadUInt16LittleEndian(ico), BinaryPrimitives.ReadUInt16LittleEndian(ico.AsSpan(2)), BinaryPrimitives.ReadUInt16LittleEndian(ico.AsSpan(4))));
        for (var i = 0; i < 3; i++)
        {
            var entry = ico.AsSpan(6 + 16 * i);
            var png = ico.AsSpan((int)BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]), (int)BinaryPrimitives.ReadUInt32LittleEndian(entry[8..])).ToArray();
            using var image = Image.NewFromBuffer(png);
            Assert.Equal((entry[0], entry[0]), (image.Width, image.Height));
            Assert.Equal(new[] { 16, 32, 48 }[i], image.Width);
        }
        foreach (var (url, size) in new[] { ("/apple-touch-icon.png", 180), ("/icon-192.png", 192), ("/icon-512.png", 512) })
        {
            using var image = Image.NewFromBuffer(await GetAsync(url, "image/png"));
            Assert.Equal((size, size), (image.Width, image.Height));
        }
        using var head = await reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/favicon.ico"), Cancel);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Pages_link_the_icons_and_manifest_and_the_structured_data_names_the_publishers_logo()
    {
        using var manifest = JsonDocument.Parse(await GetAsync("/manifest.webmanifest", "application/manifest+json"));
        var icons = manifest.RootElement.GetProperty("icons").EnumerateArray().Select(i => (i.GetProperty("src").GetString()!, i.GetProperty("sizes").GetString())).ToList();
        Assert.Equal([("/icon-192.png", "192x192"), ("/icon-512.png", "512x512")], icons);
        Assert.False(string.IsNullOrEmpty(manifest.RootElement.GetProperty("name").GetString()));

        var slug = "us-war-of-terror-continues-assassinating-irans-top-anti-isis-general";
        var page = Html.Parse(await reader.GetStringAsync($"/{slug}/", Cancel));
        Assert.Equal("/favicon.ico", page.QuerySelector("link[rel=icon][sizes='48x48']")!.GetAttribute("href"));
        Assert.Equal("/apple-touch-icon.png", page.QuerySelector("link[rel=apple-touch-icon]")!.GetAttribute("href"));
        Assert.Equal("/manifest.webmanifest", page.QuerySelector("link[rel=manifest]")!.GetAttribute("href"));
        foreach (var link in page.QuerySelectorAll("link[rel=icon], link[rel=apple-touch-icon]"))
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(link.GetAttribute("href"), Cancel)).StatusCode);

        using var data = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var logo = data.RootElement.GetProperty("publisher").GetProperty("logo");
        Assert.Equal(("ImageObject", 512, 512), (logo.GetProperty("@type").GetString(), logo.GetProperty("width").GetInt32(), logo.GetProperty("height").GetInt32()));
        Assert.Equal("/icon-512.png", new Uri(logo.GetProperty("url").GetString()!).AbsolutePath);
    }

    /// <summary>A picture of one colour, so that an icon made from it can be told from the default one by a pixel.</summary>
    private static byte[] Colour(int width, int height, double red, double green, double blue)
    {
        using var plain = Image.Black(width, height, bands: 3).NewFromImage(red, green, blue).Copy(interpretation: Enums.Interpretation.Srgb);
        return plain.PngsaveBuffer();
    }

    private static async Task<HttpResponseMessage> SettingsAsync(StaffClient owner, string logo, string icon)
    {
        var form = (await owner.GetPageAsync("/admin/settings")).QuerySelector("form.stacked")!;
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken" && (e.GetAttribute("type") != "checkbox" || e.HasAttribute("checked")))
            .GroupBy(e => e.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.First() switch
            {
                AngleSharp.Html.Dom.IHtmlTextAreaElement area => area.Value,
                AngleSharp.Html.Dom.IHtmlSelectElement select => select.Value ?? "",
                var input => input.GetAttribute("value") ?? "",
            });
        (fields["Form.Logo"], fields["Form.Icon"]) = (logo, icon);
        return await owner.PostFormAsync("/admin/settings", fields, "/admin/settings");
    }

    [Fact]
    public async Task A_chosen_logo_is_in_the_masthead_and_the_structured_data_and_the_icons_are_made_from_the_chosen_icon()
    {
        using var owner = await StaffClient.AsAsync(app, Masthead.Staff.StaffRole.Owner);
        Assert.Equal(HttpStatusCode.Redirect, (await MediaSteps.UploadAsync(owner, "logo.png", Colour(1200, 300, 20, 20, 120), "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MediaSteps.UploadAsync(owner, "small.png", Colour(100, 100, 0, 160, 0), "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MediaSteps.UploadAsync(owner, "icon.png", Colour(800, 600, 0, 160, 0), "image/png")).StatusCode);
        var pictures = await app.WithDbAsync(db => db.Media.ToDictionaryAsync(m => m.OriginalName, m => m.Url, Cancel));

        var refused = await SettingsAsync(owner, pictures["logo.png"], pictures["small.png"]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await StaffClient.ParseAsync(refused);
        Assert.Equal("The icon must be at least 512 × 512 px (app icons are made at that size); “small.png” is 100 × 100.",
            page.QuerySelector(".error-summary a[href='#Form_Icon']")!.TextContent);
        Assert.Equal(pictures["logo.png"], ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("select[name='Form.Logo']")!).Value);
        Assert.Equal(pictures["small.png"], ((AngleSharp.Html.Dom.IHtmlSelectElement)page.QuerySelector("select[name='Form.Icon']")!).Value);
        Assert.Equal(HttpStatusCode.OK, (await SettingsAsync(owner, "/media/not-a-picture.png", "")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SettingsAsync(owner, pictures["logo.png"], pictures["icon.png"])).StatusCode);
        var article = Html.Parse(await reader.GetStringAsync("/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/", Cancel));
        var logo = article.QuerySelector("header.masthead .site-logo img")!;
        var name = await app.WithDbAsync(db => db.SiteSettings.Select(x => x.Name).SingleAsync(Cancel));
        Assert.Equal((pictures["logo.png"], "1200", "300", name), (logo.GetAttribute("src"), logo.GetAttribute("width"), logo.GetAttribute("height"), logo.GetAttribute("alt")));
        Assert.Null(article.QuerySelector("header.masthead .site-name"));
        using var data = JsonDocument.Parse(article.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var published = data.RootElement.GetProperty("publisher").GetProperty("logo");
        Assert.Equal((pictures["logo.png"], 1200, 300), (new Uri(published.GetProperty("url").GetString()!).AbsolutePath,
            published.GetProperty("width").GetInt32(), published.GetProperty("height").GetInt32()));

        // The icons are the chosen picture's green, cropped square, at every size.
        var ico = await GetAsync("/favicon.ico", "image/x-icon");
        var first = ico.AsSpan((int)BinaryPrimitives.ReadUInt32LittleEndian(ico.AsSpan(6 + 12)), (int)BinaryPrimitives.ReadUInt32LittleEndian(ico.AsSpan(6 + 8))).ToArray();
        foreach (var (bytes, size) in new[] { (first, 16), (await GetAsync("/apple-touch-icon.png", "image/png"), 180), (await GetAsync("/icon-512.png", "image/png"), 512) })
        {
            using var image = Image.NewFromBuffer(bytes);
            Assert.Equal((size, size), (image.Width, image.Height));
            var pixel = image.Getpoint(size / 2, size / 2);
            Assert.Equal((0, 160, 0), ((int)pixel[0], (int)pixel[1], (int)pixel[2]));
        }
    }
}
