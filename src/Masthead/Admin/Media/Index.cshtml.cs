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
}
