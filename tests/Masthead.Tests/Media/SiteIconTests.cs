using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using Masthead.Tests.Infrastructure;
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
}
