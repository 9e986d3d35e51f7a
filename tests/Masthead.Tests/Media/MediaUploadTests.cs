using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Tests.Media;

public sealed class MediaUploadTests : IAsyncLifetime
{
    private readonly MastheadApp app = new();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static Task<HttpResponseMessage> UploadAsync(StaffClient client, string fileName, byte[] content, string claimedType) =>
        MediaSteps.UploadAsync(client, fileName, content, claimedType);

    [Fact]
    public async Task A_png_is_stored_by_content_hash_with_its_size_and_served_with_long_cache_and_nosniff()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        var png = Fixture("chart.png");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(author, "Chart of the war.png", png, "image/png")).StatusCode);

        var item = await app.WithDbAsync(db => db.Media.SingleAsync(Cancel));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), item.Hash);
        Assert.Equal(("image/png", 40, 30), (item.ContentType, item.Width!.Value, item.Height!.Value));
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "media", item.Hash[..2], item.Hash + ".png")));

        using var reader = app.CreateClient();
        var served = await reader.GetAsync(item.Url, Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(TimeSpan.FromDays(365), served.Headers.CacheControl!.MaxAge);
        Assert.True(served.Headers.CacheControl.Public);
        // Re-encoded without metadata: the same picture, not the same bytes.
        using var picture = NetVips.Image.NewFromBuffer(await served.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal((40, 30), (picture.Width, picture.Height));

        // The same content twice is one file and one record.
        await UploadAsync(author, "copy.png", png, "image/png");
        Assert.Equal(1, await app.WithDbAsync(db => db.Media.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_pdf_is_accepted_and_offered_for_insertion_in_the_editor()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(author, "Dossier report.pdf", Fixture("report.pdf"), "application/octet-stream")).StatusCode);
        var item = await app.WithDbAsync(db => db.Media.SingleAsync(Cancel));
        Assert.Equal(("application/pdf", ".pdf"), (item.ContentType, item.Extension));
        Assert.Null(item.Width);

        var editor = await author.GetPageAsync("/admin/articles/edit");
        var insert = editor.QuerySelector("ul.media-insert button.insert")!;
        Assert.Equal($"[Dossier report (.pdf)]({item.Url})", insert.GetAttribute("data-insert"));
    }

    [Fact]
    public async Task A_pdf_renamed_png_is_stored_as_what_it_is_and_a_text_file_renamed_png_is_refused()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        await UploadAsync(author, "innocent.png", Fixture("report.pdf"), "image/png");
        var item = await app.WithDbAsync(db => db.Media.SingleAsync(Cancel));
        Assert.Equal(("application/pdf", ".pdf"), (item.ContentType, item.Extension));

        var refused = await UploadAsync(author, "script.png", "<script>alert(1)</script>"u8.ToArray(), "image/png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var message = (await StaffClient.ParseAsync(refused)).QuerySelector(".errors")!.TextContent;
        Assert.Contains("“script.png” is not a JPEG, PNG, WebP, AVIF, GIF or PDF file", message);
        Assert.Equal(1, await app.WithDbAsync(db => db.Media.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_file_over_the_site_limit_is_refused_with_the_limit_named()
    {
        await app.WithDbAsync(async db => { var settings = await db.SiteSettings.SingleAsync(Cancel); (settings.Name, settings.MaxUploadMegabytes) = ("Test", 1); await db.SaveChangesAsync(Cancel); });
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        var big = new byte[1024 * 1024 + 1];
        Fixture("chart.png").CopyTo(big, 0);

        var refused = await UploadAsync(author, "huge.png", big, "image/png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("the limit is 1 MB", (await StaffClient.ParseAsync(refused)).QuerySelector(".errors")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.Media.CountAsync(Cancel)));
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "media")) && Directory.EnumerateFiles(Path.Combine(app.DataFolder, "media"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_contributor_cannot_upload()
    {
        using var contributor = await StaffClient.AsAsync(app, StaffRole.Contributor);
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        var token = (await contributor.GetPageAsync("/admin/articles/edit")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Fixture("chart.png")), "files", "chart.png" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.Http.PostAsync("/admin/media", form, Cancel)).StatusCode);
        var dropped = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Fixture("chart.png")), "file", "chart.png" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.Http.PostAsync("/admin/media?handler=Upload", dropped, Cancel)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Media.CountAsync(Cancel)));
    }

    private static async Task<HttpResponseMessage> DropAsync(StaffClient client, byte[] content, string name, bool withToken = true)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", name } };
        if (withToken) form.Add(new StringContent(await client.HiddenValueAsync("/admin/articles/edit", "input[name=__RequestVerificationToken]")), "__RequestVerificationToken");
        return await client.Http.PostAsync("/admin/media?handler=Upload", form, Cancel);
    }

    [Fact]
    public async Task A_file_dropped_in_the_editor_is_answered_with_the_markdown_to_insert_or_the_reason_it_was_refused()
    {
        using var author = await StaffClient.AsAsync(app, StaffRole.Author);
        using var stored = await DropAsync(author, Fixture("chart.png"), "Chart of the war.png");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        using var json = JsonDocument.Parse(await stored.Content.ReadAsStringAsync(Cancel));
        var item = await app.WithDbAsync(db => db.Media.SingleAsync(Cancel));
        Assert.Equal((item.Url, "Chart of the war.png", true, $"![]({item.Url})"), (json.RootElement.GetProperty("url").GetString(),
            json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("isImage").GetBoolean(), json.RootElement.GetProperty("markdown").GetString()));

        using var refused = await DropAsync(author, "plain text"u8.ToArray(), "notes.png");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var reason = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("“notes.png” is not a JPEG, PNG, WebP, AVIF, GIF or PDF file, whatever its name says.", reason.RootElement.GetProperty("error").GetString());
        // Without the antiforgery token nothing is stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await DropAsync(author, Fixture("chart.png"), "again.png", withToken: false)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Media.CountAsync(Cancel)));
    }
}
