using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.Taxonomy;

public sealed class VocabularyModel(MastheadDb db, TaxonomyEditor taxonomy) : BackOfficePage(db)
{
    public Vocabulary? Vocabulary { get; private set; }
    public Dictionary<int, int> Usage { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Vocabulary = await Db.Vocabularies.AsNoTracking().Include(v => v.Terms).SingleOrDefaultAsync(v => v.Id == id);
        if (Vocabulary is null) return NotFound();
        var termIds = Vocabulary.Terms.Select(t => t.Id).ToList();
        Usage = await Db.Set<Masthead.Articles.ArticleTerm>().Where(t => termIds.Contains(t.TermId))
            .GroupBy(t => t.TermId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(int id, string? name, string? slug, int position, uint version) =>
        Done(id, taxonomy.UpdateVocabularyAsync(id, name, slug, position, version), "Vocabulary saved; old addresses redirect to the new ones.");

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        await taxonomy.DeleteVocabularyAsync(id);
        Flash = "Vocabulary deleted.";
        return Redirect("/admin/taxonomy");
    }

    public Task<IActionResult> OnPostAddTermAsync(int id, string? name, string? slug) =>
        Done(id, taxonomy.CreateTermAsync(id, name, slug), $"Term “{name}” added.");

    public Task<IActionResult> OnPostRenameTermAsync(int id, int termId, string? name, string? slug, uint version) =>
        Done(id, taxonomy.UpdateTermAsync(termId, name, slug, version), "Term saved; its old address redirects to the new one.");

    public async Task<IActionResult> OnPostDeleteTermAsync(int id, int termId)
    {
        await taxonomy.DeleteTermAsync(termId);
        Flash = "Term deleted.";
        return Redirect($"/admin/taxonomy/vocabulary/{id}");
    }

    /// <summary>Problems come back as the flash message: these are one-field forms, and the list shows what is there.</summary>
    private async Task<IActionResult> Done(int id, Task<Outcome<Done>> work, string success)
    {
        var refusal = (await work).Refusal;
        Flash = refusal is null ? success : refusal.Message ?? string.Join(" ", refusal.Errors.Values);
        return Redirect($"/admin/taxonomy/vocabulary/{id}");
    }
}
