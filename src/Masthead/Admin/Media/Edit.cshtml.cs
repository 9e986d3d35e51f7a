using Masthead.Data;
using Masthead.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Media;

/// <summary>One file of the media library: its alt text and caption, used wherever it is placed without its own.</summary>
public sealed class EditModel(MastheadDb db, MediaLibrary library) : BackOfficePage(db)
{
    public MediaItem? Item { get; private set; }
    /// <summary>Set when someone else saved the description after this form was opened.</summary>
    public MediaItem? Saved { get; private set; }
    public string? ConflictMessage { get; private set; }
    [BindProperty] public string? Alt { get; set; }
    [BindProperty] public string? Caption { get; set; }
    [BindProperty] public uint Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if ((Item = await Db.Media.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id)) is null) return NotFound();
        (Alt, Caption, Version) = (Item.Alt, Item.Caption, Item.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var outcome = await library.DescribeAsync(id, Alt, Caption, Version);
        if (outcome.Succeeded)
        {
            Flash = $"“{outcome.Value!.OriginalName}” described.";
            return Redirect("/admin/media");
        }
        var refusal = outcome.Refusal!;
        if (refusal.Kind == RefusalKind.NotFound) return NotFound();
        if (refusal is { Kind: RefusalKind.Conflict, Detail: MediaItem saved })
        {
            // Saving again from here keeps what this person typed.
            (Saved, ConflictMessage, Version) = (saved, refusal.Message, saved.Version);
            ModelState.Remove(nameof(Version));
        }
        ShowErrors(refusal.Errors);
        Item = await Db.Media.AsNoTracking().SingleAsync(m => m.Id == id);
        return new Microsoft.AspNetCore.Mvc.RazorPages.PageResult { StatusCode = StatusCodes.Status422UnprocessableEntity };
    }
}
