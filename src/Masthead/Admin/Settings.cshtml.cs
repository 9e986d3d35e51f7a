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

    public async Task OnGetAsync() => Form = SettingsForm.From(await Db.SiteSettings.SingleAsync(s => s.Id == SiteSettings.SingletonId));

    public async Task<IActionResult> OnPostAsync()
    {
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
