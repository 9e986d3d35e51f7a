using Masthead.ContentApi;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin;

/// <summary>Keys of the Ghost-compatible Content API: the same operations as `masthead content-key`.</summary>
public sealed class ContentKeysModel(MastheadDb db, TimeProvider clock) : BackOfficePage(db)
{
    public IReadOnlyList<ContentApiKey> Keys { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }

    public async Task OnGetAsync() => Keys = await Db.ContentApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var outcome = await ContentKeys.CreateAsync(Db, Name ?? "", clock.GetUtcNow().UtcDateTime);
        if (outcome.Value is { } key)
        {
            Flash = $"Key \"{key.Name}\" created.";
            return Redirect("/admin/contentkeys");
        }
        ShowErrors(outcome.Refusal!.Errors);
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var name = await Db.ContentApiKeys.Where(k => k.Id == id).Select(k => k.Name).SingleOrDefaultAsync();
        if (name is not null && await ContentKeys.RevokeAsync(Db, name)) Flash = $"Key \"{name}\" revoked.";
        return Redirect("/admin/contentkeys");
    }
}
