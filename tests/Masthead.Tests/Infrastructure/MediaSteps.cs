using System.Net.Http.Headers;
using Masthead.Media;
using Microsoft.EntityFrameworkCore;
using NetVips;

namespace Masthead.Tests.Infrastructure;

/// <summary>What the media tests do: make a real picture, upload it through the Media page as a browser does.</summary>
public static class MediaSteps
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> UploadAsync(StaffClient client, string fileName, byte[] content, string claimedType)
    {
        var page = await client.GetPageAsync("/admin/media");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        form.Add(file, "files", fileName);
        return await client.Http.PostAsync("/admin/media", form, Cancel);
    }

    /// <summary>A plain JPEG of this size, its colour set by <paramref name="shade"/> so that each call can make a different file.</summary>
    public static byte[] Jpeg(int width, int height, int shade = 90)
    {
        using var plain = (Image.Black(width, height, bands: 3) + shade).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return plain.JpegsaveBuffer(q: 80);
    }

    /// <summary>Uploads a picture and returns it as the library stored it.</summary>
    public static async Task<MediaItem> PictureAsync(MastheadApp app, StaffClient client, string fileName, int width = 1600, int height = 900, int shade = 90)
    {
        var response = await UploadAsync(client, fileName, Jpeg(width, height, shade), "image/jpeg");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Media.AsNoTracking().OrderByDescending(m => m.Id).FirstAsync(m => m.OriginalName == fileName, Cancel));
    }
}
