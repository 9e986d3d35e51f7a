using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Authors;

/// <summary>What the people form posts; kept as typed when a save is refused.</summary>
public sealed class PersonForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Bio { get; set; }
    public string? Photo { get; set; }
    /// <summary>The person's version when the form was opened.</summary>
    public uint Version { get; set; }
}

/// <summary>Adds and edits people (bylines): one slug rule, a 301 from the old author address, and no silent overwrite.</summary>
public sealed class PeopleEditor(MastheadDb db, BodyRenderer renderer)
{
    /// <summary>
    /// The one find-or-create of a byline by name, for imports: a person is known by their name or its slug ("Tony
    /// Cartalucci" and "Tony  Cartalucci" are one). Staged when new: saved with the caller's save.
    /// </summary>
    public async Task<Person> FindOrCreateAsync(string name, string? slug = null, CancellationToken cancellation = default)
    {
        name = PlainText.Fold(name);
        slug = Slugs.From(slug ?? name);
        var staged = db.ChangeTracker.Entries<Person>().Select(e => e.Entity)
            .FirstOrDefault(p => p.Name == name || (slug.Length > 0 && p.Slug == slug));
        if (staged is not null) return staged;
        var person = await db.People.FirstOrDefaultAsync(p => p.Name == name, cancellation)
                     ?? (slug.Length > 0 ? await db.People.FirstOrDefaultAsync(p => p.Slug == slug, cancellation) : null);
        if (person is null)
        {
            person = new Person { Name = name, Slug = slug.Length == 0 ? "person-" + Guid.NewGuid().ToString("N")[..8] : slug };
            db.People.Add(person);
        }
        return person;
    }

    /// <summary>A bio in Markdown, kept as given and rendered (and sanitized) once, here.</summary>
    public void SetBio(Person person, string? bioMarkdown)
    {
        person.Bio = bioMarkdown;
        person.BioHtml = bioMarkdown is null ? null : renderer.RenderMarkdown(bioMarkdown);
    }

    public async Task<Outcome<Person>> SaveAsync(int? id, PersonForm form, CancellationToken cancellation = default)
    {
        var person = id is { } existing ? await db.People.FindAsync([existing], cancellation) : null;
        if (id is not null && person is null) return Refusal.NotFound("That person no longer exists.");
        if (person is not null && person.Version != form.Version)
            return Refusal.Conflict($"Someone saved {person.Name} after you opened the form. Your text is still in it; the saved version is shown beside it.", person);

        var slug = Slugs.From(string.IsNullOrWhiteSpace(form.Slug) ? form.Name ?? "" : form.Slug);
        if (string.IsNullOrWhiteSpace(form.Name)) return Refusal.Invalid(nameof(PersonForm.Name), "A name is required.");
        if (slug.Length == 0) return Refusal.Invalid(nameof(PersonForm.Slug), "The slug needs letters or digits.");
        if (PlainText.TrimmedOrNull(form.Photo) is { } photo && !WebAddress.IsImage(photo))
            return Refusal.Invalid(nameof(PersonForm.Photo), "Give the photo's full address (https://…) or a media library path (/media/…).");
        if (await db.People.AnyAsync(p => p.Slug == slug && p.Id != id, cancellation))
            return Refusal.Invalid(nameof(PersonForm.Slug), $"Someone else already has the address /author/{slug}/.");

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            var oldPath = person is null ? null : SiteRoutes.Author(person.Slug);
            person ??= db.People.Add(new Person { Name = "", Slug = "" }).Entity;
            if (id is not null) db.Entry(person).Property(p => p.Version).OriginalValue = form.Version;
            person.Name = PlainText.Storable(form.Name).Trim();
            person.Slug = slug;
            SetBio(person, PlainText.TrimmedOrNull(form.Bio));
            person.Photo = PlainText.TrimmedOrNull(form.Photo);
            await db.SaveChangesAsync(cancellation);
            if (oldPath is not null && oldPath != SiteRoutes.Author(slug)) await Redirects.AddAsync(db, oldPath, SiteRoutes.Author(slug), cancellation);
            await transaction.CommitAsync(cancellation);
            return person;
        }
        catch (DbUpdateConcurrencyException) when (id is { } saved)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("Someone saved this person while you were saving. Your text is still in the form.", await db.People.FindAsync([saved], cancellation));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Invalid(nameof(PersonForm.Slug), $"Someone else took the address /author/{slug}/ a moment ago.");
        }
    }
}
