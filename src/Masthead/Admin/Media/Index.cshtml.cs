using Masthead.Data;
using Masthead.Media;
using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Media;

/// <summary>The request size limit is lifted here; the site setting decides, and says so in words.</summary>
[RequestSizeLimit(1L << 30), RequestFormLimits(MultipartBodyLengthLimit = 1L << 30)]
public sealed class IndexModel(MastheadDb db, MediaLibrary library) : BackOfficePage(db)
{
    public List<MediaItem> Items { get; private set; } = [];

    public async Task OnGetAsync() =>
        Items = await Db.Media.AsNoTracking().OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(200).ToListAsync();

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files)
    {
        if (files.Count == 0) ModelState.AddModelError("files", "Choose a file to upload.");
        var uploaded = 0;
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var (_, error) = await library.UploadAsync(stream, file.FileName, file.Length, (await MeAsync()).Id);
            if (error is null) uploaded++;
            else ModelState.AddModelError("files", error);
        }
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return new PageResult { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
        Flash = $"{uploaded} file(s) uploaded.";
        return Redirect("/admin/media");
    }

    /// <summary>
    /// A file dropped or pasted into the editor's body: the same checks as the form above, answered in JSON with the
    /// Markdown to insert, or with the sentence that says why not.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        if (file is null) return Refused("Choose a file to upload.");
        await using var stream = file.OpenReadStream();
        var (item, error) = await library.UploadAsync(stream, file.FileName, file.Length, (await MeAsync()).Id);
        if (item is null) return Refused(error!);
        return new JsonResult(new
        {
            item.Id, item.Url, Name = item.OriginalName, item.IsImage, item.Width, item.Height,
            Markdown = Articles.EditModel.MarkdownFor(item),
        });

        static JsonResult Refused(string error) => new(new { error }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
    }
}
