using Masthead.Authors;
using Masthead.Data;
using Masthead.Media;
using Masthead.Publishing.Addresses;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Admin.People;

public sealed class EditModel(MastheadDb db, PeopleEditor people) : BackOfficePage(db)
{
    [BindProperty] public PersonForm Form { get; set; } = new();
    public int? Id { get; private set; }
    public List<MediaItem> Images { get; private set; } = [];
    /// <summary>The person as saved by someone else after this form was opened.</summary>
    public Person? Saved { get; private set; }
    public string? ConflictMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var person = await Db.People.FindAsync(existing);
            if (person is null) return NotFound();
            Id = person.Id;
            Form = new PersonForm { Name = person.Name, Slug = person.Slug, Bio = person.Bio, Photo = person.Photo, Version = person.Version };
        }
        await LoadImagesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var outcome = await people.SaveAsync(id, Form);
        if (outcome.Value is { } person)
        {
            Flash = $"{person.Name} saved.";
            return Redirect("/admin/people");
        }
        var refusal = outcome.Refusal!;
        if (refusal.Kind == RefusalKind.NotFound) return NotFound();
        if (refusal is { Kind: RefusalKind.Conflict, Detail: Person saved })
        {
            (Saved, ConflictMessage) = (saved, refusal.Message);
            Form.Version = saved.Version; // saving again keeps what is in the form
            ModelState.Remove("Form.Version");
        }
        ShowErrors(refusal.Errors, "Form.");
        await LoadImagesAsync();
        return Page();
    }

    private async Task LoadImagesAsync() => Images = await Db.Media.AsNoTracking()
        .Where(m => m.ContentType.StartsWith("image/")).OrderByDescending(m => m.UploadedAt).Take(50).ToListAsync();
}
