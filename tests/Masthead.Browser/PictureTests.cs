using System.Net;
using Masthead.Staff;
using Masthead.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Masthead.Browser;

/// <summary>Pictures in Chromium: pages that fit a phone and a desktop, and uploads by dropping or pasting into the editor.</summary>
public sealed class PictureTests : BrowserApp
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A file as a drop or a paste carries it: a DataTransfer made in the page.</summary>
    private static Task<IJSHandle> TransferAsync(IPage page, byte[] content, string name, string type) =>
        page.EvaluateHandleAsync("""
            ([bytes, name, type]) => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([Uint8Array.from(atob(bytes), c => c.charCodeAt(0))], name, { type }));
              return transfer;
            }
            """, new object[] { Convert.ToBase64String(content), name, type });

    [Fact(Timeout = 180_000)]
    public async Task An_author_drops_and_pastes_pictures_into_the_body_which_are_uploaded_and_inserted_at_the_cursor()
    {
        var page = await SignedInAsync(StaffRole.Author);
        await page.GotoAsync("/admin/articles/edit");
        var body = page.GetByLabel("Body (Markdown)");
        await body.FillAsync("Before.\n\nAfter.");
        await body.EvaluateAsync("b => { b.focus(); b.selectionStart = b.selectionEnd = 'Before.'.length; }");

        await body.DispatchEventAsync("drop", new { dataTransfer = await TransferAsync(page, MediaSteps.Jpeg(1200, 800, 40), "harbour at dawn.jpg", "image/jpeg") });
        await Assertions.Expect(page.Locator(".upload-status .upload").Last).ToHaveTextAsync("Uploaded harbour at dawn.jpg.");
        var dropped = await WithDbAsync(db => db.Media.SingleAsync(m => m.OriginalName == "harbour at dawn.jpg", Cancel));
        Assert.Equal($"Before.\n\n![]({dropped.Url})\n\nAfter.", await body.InputValueAsync());
        // Offered at once for insertion again and as the featured image, without a reload.
        await Assertions.Expect(page.Locator("ul.media-insert li").First.Locator("code")).ToHaveTextAsync($"![]({dropped.Url})");
        await Assertions.Expect(page.Locator($"#Form_FeaturedImage option[value='{dropped.Url}']")).ToHaveCountAsync(1);

        // A screenshot pasted from the clipboard lands where the cursor is now: after the first picture.
        var pasted = await TransferAsync(page, MediaSteps.Jpeg(640, 480, 200), "image.jpg", "image/jpeg");
        await body.EvaluateAsync("(b, transfer) => b.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))", pasted);
        await Assertions.Expect(page.Locator(".upload-status .upload").Last).ToHaveTextAsync("Uploaded image.jpg.");
        var screenshot = await WithDbAsync(db => db.Media.SingleAsync(m => m.OriginalName == "image.jpg", Cancel));
        Assert.Equal($"Before.\n\n![]({dropped.Url})\n\n![]({screenshot.Url})\n\nAfter.", await body.InputValueAsync());
        await Assertions.Expect(page.Locator("#preview-body img")).ToHaveCountAsync(2);

        // A file that is not what its name says is refused beside the body, and the text is left as it was.
        var before = await body.InputValueAsync();
        await body.DispatchEventAsync("drop", new { dataTransfer = await TransferAsync(page, "not a picture"u8.ToArray(), "notes.png", "image/png") });
        var refusal = page.Locator(".upload-status .upload.refused");
        await Assertions.Expect(refusal).ToContainTextAsync("“notes.png” is not a JPEG, PNG, WebP, AVIF, GIF or PDF file");
        Assert.Equal("alert", await refusal.GetAttributeAsync("role"));
        Assert.Equal(before, await body.InputValueAsync());
        Assert.Equal(2, await WithDbAsync(db => db.Media.CountAsync(Cancel)));
        await ScreenshotAsync(page, "editor-upload");
    }

    [Fact(Timeout = 180_000)]
    public async Task A_contributors_editor_offers_no_upload_and_the_media_page_refuses_them()
    {
        var page = await SignedInAsync(StaffRole.Contributor);
        await page.GotoAsync("/admin/articles/edit");
        Assert.Null(await page.GetByLabel("Body (Markdown)").GetAttributeAsync("data-upload"));
        Assert.Equal(0, await page.Locator("ul.media-insert").CountAsync());
        var response = await page.GotoAsync("/admin/media");
        Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
    }

    [Fact(Timeout = 180_000)]
    public async Task An_article_with_a_large_photo_fits_a_phone_and_a_desktop_without_anything_wider_than_the_window()
    {
        await ImportPageAsync(await File.ReadAllTextAsync(TestFolders.ReferencePage, Cancel));
        // Uploaded and published as an editor does it: the Media page, then the editor (confirming the missing alt text).
        var editor = await SignedInAsync(StaffRole.Editor);
        await editor.GotoAsync("/admin/media");
        await editor.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "3000x2000.jpg", MimeType = "image/jpeg", Buffer = MediaSteps.Jpeg(3000, 2000) });
        await editor.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.Locator("main .flash")).ToContainTextAsync("1 file(s) uploaded");
        var photo = await WithDbAsync(db => db.Media.SingleAsync(Cancel));
        await editor.GotoAsync("/admin/articles/edit");
        await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync("The harbour from the air");
        await editor.GetByLabel("Body (Markdown)").FillAsync($"Taken at dawn.\n\n![The breakwater]({photo.Url})\n\nA long address: https://example.org/{new string('x', 300)}");
        await editor.Locator("#Form_FeaturedImage").SelectOptionAsync(photo.Url);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish anyway" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".title-row .status")).ToHaveTextAsync("Published");

        foreach (var (width, height) in new[] { (390, 844), (1280, 900) })
            foreach (var path in new[] { "/the-harbour-from-the-air/", "/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/", "/" })
            {
                var page = await NewPageAsync();
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync(path);
                await page.EvaluateAsync("() => Promise.all([...document.images].map(i => i.decode().catch(() => null)))");
                // Every element, unless a box around it scrolls or clips it (a wide table in its own scroller is allowed): neither
                // its box nor what it holds (a long address is text, not an element) reaches past the window.
                var wider = await page.EvaluateAsync<string[]>("""
                    () => [document.documentElement, ...document.querySelectorAll('body, body *')]
                      .filter(e => {
                        for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                          if (getComputedStyle(p).overflowX !== 'visible') return false;
                        const box = e.getBoundingClientRect();
                        return (box.width > 0 && box.right > innerWidth + 1) || (getComputedStyle(e).overflowX === 'visible' && e.scrollWidth > innerWidth + 1);
                      })
                      .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(Math.max(e.getBoundingClientRect().right, e.scrollWidth)))
                    """);
                Assert.True(wider.Length == 0, $"{path} at {width} px: {string.Join(", ", wider)}");
                if (path == "/the-harbour-from-the-air/")
                {
                    var shown = await page.Locator("figure.featured-image img").BoundingBoxAsync();
                    // As wide as the column: the phone less its margins, or the 40rem column on a desktop.
                    Assert.True(shown!.Width <= width && shown.Width >= Math.Min(width - 64, 600), $"featured image {shown.Width} px wide at {width}");
                    await ScreenshotAsync(page, $"article-photo-{width}");
                }
                await page.Context.CloseAsync();
            }
    }
}
