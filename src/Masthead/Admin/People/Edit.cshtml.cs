using Masthead.Authors;
using Masthead.Data;
using Masthead.Media;
using Masthead.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.People;

public sealed class EditModel(MastheadDb db, BodyRenderer renderer) : BackOfficePage(db)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Bio { get; set; }
    [BindProperty] public string? Photo { get; set; }
    public int? Id { get; private set; }
    public List<MediaItem> Images { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var person = await Db.People.FindAsync(existing);
            if (person is null) return NotFound();
            (Id, Name, Slug, Bio, Photo) = (person.Id, person.Name, person.Slug, person.Bio, person.Photo);
        }
        await LoadImagesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var person = id is { } existing ? await Db.People.FindAsync(existing) : null;
        if (id is not null && person is null) return NotFound();
        var slug = Slugs.From(string.IsNullOrWhiteSpace(Slug) ? Name ?? "" : Slug);
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), "A name is required.");
        else if (slug.Length == 0) ModelState.AddModelError(nameof(Slug), "The slug needs letters or digits.");
        else if (await Db.People.AnyAsync(p => p.Slug == slug && p.Id != id))
            ModelState.AddModelError(nameof(Slug), $"Someone else already has the address /author/{slug}/.");
        if (!ModelState.IsValid)
        {
            await LoadImagesAsync();
            return Page();
        }

        await using var transaction = await Db.Database.BeginTransactionAsync();
        var oldPath = person is null ? null : SiteRoutes.Author(person.Slug);
        person ??= Db.People.Add(new Person { Name = "", Slug = "" }).Entity;
        person.Name = Name!.Trim();
        person.Slug = slug;
        person.Bio = PlainText.TrimmedOrNull(Bio);
        person.BioHtml = person.Bio is null ? null : renderer.RenderMarkdown(person.Bio);
        person.Photo = string.IsNullOrWhiteSpace(Photo) ? null : Photo;
        await Db.SaveChangesAsync();
        if (oldPath is not null && oldPath != SiteRoutes.Author(slug)) await Redirects.AddAsync(Db, oldPath, SiteRoutes.Author(slug));
        await transaction.CommitAsync();
        Flash = $"{person.Name} saved.";
        return Redirect("/admin/people");
    }

    private async Task LoadImagesAsync() => Images = await Db.Media.AsNoTracking()
        .Where(m => m.ContentType.StartsWith("image/")).OrderByDescending(m => m.UploadedAt).Take(50).ToListAsync();
}
