using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Taxonomy;

public sealed record VocabularyRow(int Id, string Name, string Slug, int Terms);

public sealed class IndexModel(MastheadDb db, TaxonomyEditor taxonomy) : BackOfficePage(db)
{
    public List<VocabularyRow> Vocabularies { get; private set; } = [];
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }

    public async Task OnGetAsync() => Vocabularies = await Db.Vocabularies.AsNoTracking().OrderBy(v => v.Position)
        .Select(v => new VocabularyRow(v.Id, v.Name, v.Slug, v.Terms.Count)).ToListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if ((await taxonomy.CreateVocabularyAsync(Name, Slug)).Refusal is { } refusal)
        {
            foreach (var (field, message) in refusal.Errors) ModelState.AddModelError(field == "slug" && !string.IsNullOrWhiteSpace(Slug) ? nameof(Slug) : nameof(Name), message);
            await OnGetAsync();
            return Page();
        }
        Flash = $"Vocabulary “{Name}” created.";
        return Redirect("/admin/taxonomy");
    }
}
