using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin;

public sealed class SettingsModel(MastheadDb db, SettingsEditor settings) : BackOfficePage(db)
{
    [BindProperty] public SettingsForm Form { get; set; } = new();
    public SiteSettings? Saved { get; private set; }
    public string? ConflictMessage { get; private set; }
    /// <summary>The media library's pictures, to choose the logo and the icon from.</summary>
    public List<Masthead.Media.MediaItem> Pictures { get; private set; } = [];

    private async Task LoadPicturesAsync() =>
        Pictures = await Db.Media.AsNoTracking().Where(m => m.ContentType.StartsWith("image/")).OrderByDescending(m => m.UploadedAt).ThenByDescending(m => m.Id).Take(200).ToListAsync();

    public async Task OnGetAsync()
    {
        Form = SettingsForm.From(await Db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId));
        await LoadPicturesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadPicturesAsync();
        if (!ModelState.IsValid) return Page();
        var outcome = await settings.SaveAsync(Form);
        if (outcome.Succeeded)
        {
            Flash = "Settings saved.";
            return Redirect("/admin/settings");
        }
        var refusal = outcome.Refusal!;
        if (refusal is { Kind: RefusalKind.Conflict, Detail: SiteSettings saved })
        {
            (Saved, ConflictMessage) = (saved, refusal.Message);
            Form.Version = saved.Version;
            ModelState.Remove("Form.Version");
        }
        ShowErrors(refusal.Errors, "Form.");
        return Page();
    }
}
