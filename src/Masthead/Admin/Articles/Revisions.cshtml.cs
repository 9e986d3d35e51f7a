using Masthead.Articles.Editing;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Masthead.Admin.Articles;

public sealed class RevisionsModel(MastheadDb db, ArticleEditor editor, ArticleRevisions revisions) : BackOfficePage(db)
{
    public int ArticleId { get; private set; }
    public string Headline { get; private set; } = "";
    public List<ArticleRevision> List { get; private set; } = [];
    public int? From { get; private set; }
    public int? To { get; private set; }
    public IReadOnlyList<DiffLine>? Diff { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(int id, int? from, int? to)
    {
        var article = await editor.LoadAsync(id);
        if (article is null) return NotFound();
        if (!Permissions.CanEdit(await MeAsync(), article)) return Forbid();
        (ArticleId, Headline, Zone) = (id, article.Headline, await ZoneAsync());
        List = await revisions.ListAsync(id);
        if (from is { } f && to is { } t)
        {
            (From, To) = (f, t);
            Diff = await revisions.DiffAsync(id, f, t);
            if (Diff is null) return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int number)
    {
        var outcome = await revisions.RestoreAsync(id, number, await MeAsync());
        if (outcome.Refusal is { Kind: RefusalKind.NotFound }) return NotFound();
        if (outcome.Refusal is not null) return Forbid();
        Flash = $"Revision {number} restored, as a new revision.";
        return Redirect($"/admin/articles/edit/{id}");
    }
}
