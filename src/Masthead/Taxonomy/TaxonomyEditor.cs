using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Addresses;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Taxonomy;

/// <summary>
/// Creating, renaming and deleting vocabularies and terms. A new slug keeps the old archive address working: the old
/// path answers 301 to the new one. Each write says no with a <see cref="Refusal"/>.
/// </summary>
public sealed class TaxonomyEditor(MastheadDb db)
{
    public async Task<Outcome<Done>> CreateVocabularyAsync(string? name, string? slug)
    {
        if (string.IsNullOrWhiteSpace(name)) return Refusal.Invalid("name", "Give the vocabulary a name.");
        var wanted = Slugs.From(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (await VocabularySlugProblemAsync(wanted, null) is { } problem) return Refusal.Invalid("slug", problem);
        var position = await db.Vocabularies.MaxAsync(v => (int?)v.Position) ?? -1;
        db.Vocabularies.Add(new Vocabulary { Name = name.Trim(), Slug = wanted, Position = position + 1 });
        await db.SaveChangesAsync();
        return Done.Value;
    }

    /// <param name="version">The vocabulary's version when the form was opened: a later save by someone else refuses this one.</param>
    public async Task<Outcome<Done>> UpdateVocabularyAsync(int id, string? name, string? slug, int position, uint version)
    {
        var vocabulary = await db.Vocabularies.Include(v => v.Terms).SingleOrDefaultAsync(v => v.Id == id);
        if (vocabulary is null) return Refusal.NotFound("That vocabulary no longer exists.");
        if (vocabulary.Version != version)
            return Refusal.Conflict($"Someone saved this vocabulary (now “{vocabulary.Name}”, /{vocabulary.Slug}/) after you opened the page; nothing was changed. Check it and save again.");
        if (string.IsNullOrWhiteSpace(name)) return Refusal.Invalid("name", "Give the vocabulary a name.");
        var wanted = Slugs.From(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (await VocabularySlugProblemAsync(wanted, id) is { } problem) return Refusal.Invalid("slug", problem);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var old = vocabulary.Slug;
        db.Entry(vocabulary).Property(v => v.Version).OriginalValue = version;
        (vocabulary.Name, vocabulary.Slug, vocabulary.Position) = (name.Trim(), wanted, position);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return Refusal.Conflict("Someone saved this vocabulary while you were saving; nothing was changed. Check it and save again."); }
        if (old != wanted)
            foreach (var term in vocabulary.Terms)
                await Redirects.AddAsync(db, SiteRoutes.Term(old, term.Slug), SiteRoutes.Term(wanted, term.Slug));
        await transaction.CommitAsync();
        return Done.Value;
    }

    /// <summary>Deletes the vocabulary and its terms; articles lose those terms and nothing else.</summary>
    public async Task DeleteVocabularyAsync(int id)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var termIds = db.Terms.Where(t => t.VocabularyId == id).Select(t => t.Id);
        await db.Set<ArticleTerm>().Where(t => termIds.Contains(t.TermId)).ExecuteDeleteAsync();
        await db.Terms.Where(t => t.VocabularyId == id).ExecuteDeleteAsync();
        await db.Vocabularies.Where(v => v.Id == id).ExecuteDeleteAsync();
        // Set-based deletes pass the save interceptor by: the event is written here, in the same transaction.
        db.Add(Events.PublicationRecorder.Event("vocabulary", "deleted a vocabulary", [Events.CacheKeys.Site]));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public async Task<Outcome<Done>> CreateTermAsync(int vocabularyId, string? name, string? slug)
    {
        if (string.IsNullOrWhiteSpace(name)) return Refusal.Invalid("name", "Give the term a name.");
        var wanted = Slugs.From(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (await TermSlugProblemAsync(vocabularyId, wanted, null) is { } problem) return Refusal.Invalid("slug", problem);
        db.Terms.Add(new Term { VocabularyId = vocabularyId, Name = name.Trim(), Slug = wanted });
        await db.SaveChangesAsync();
        return Done.Value;
    }

    public async Task<Outcome<Done>> UpdateTermAsync(int termId, string? name, string? slug, uint version)
    {
        var term = await db.Terms.Include(t => t.Vocabulary).SingleOrDefaultAsync(t => t.Id == termId);
        if (term is null) return Refusal.NotFound("That term no longer exists.");
        if (term.Version != version)
            return Refusal.Conflict($"Someone saved this term (now “{term.Name}”) after you opened the page; nothing was changed. Check it and save again.");
        if (string.IsNullOrWhiteSpace(name)) return Refusal.Invalid("name", "Give the term a name.");
        var wanted = Slugs.From(string.IsNullOrWhiteSpace(slug) ? name : slug);
        if (await TermSlugProblemAsync(term.VocabularyId, wanted, termId) is { } problem) return Refusal.Invalid("slug", problem);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var oldPath = SiteRoutes.Term(term.Vocabulary.Slug, term.Slug);
        db.Entry(term).Property(t => t.Version).OriginalValue = version;
        (term.Name, term.Slug) = (name.Trim(), wanted);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateConcurrencyException) { return Refusal.Conflict("Someone saved this term while you were saving; nothing was changed. Check it and save again."); }
        var newPath = SiteRoutes.Term(term.Vocabulary.Slug, term.Slug);
        if (oldPath != newPath) await Redirects.AddAsync(db, oldPath, newPath);
        await transaction.CommitAsync();
        return Done.Value;
    }

    public async Task DeleteTermAsync(int termId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Set<ArticleTerm>().Where(t => t.TermId == termId).ExecuteDeleteAsync();
        await db.Terms.Where(t => t.Id == termId).ExecuteDeleteAsync();
        db.Add(Events.PublicationRecorder.Event("term", "deleted a term",
            [Events.CacheKeys.Term(termId), Events.CacheKeys.Feeds, Events.CacheKeys.Sitemaps, Events.CacheKeys.Api]));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The one find-or-create of a vocabulary, for imports: by name or slug; staged when new, after the vocabularies
    /// there are (or at <paramref name="position"/>). A front-matter key names one by its slug ("in-depth-report"):
    /// a new one gets a readable name.
    /// </summary>
    public async Task<Vocabulary> FindOrCreateVocabularyAsync(string nameOrSlug, string? slug = null, int? position = null,
        CancellationToken cancellation = default)
    {
        nameOrSlug = nameOrSlug.Trim();
        var named = slug is not null;
        slug = Slugs.From(slug ?? nameOrSlug);
        var staged = db.ChangeTracker.Entries<Vocabulary>().Select(e => e.Entity).FirstOrDefault(v => v.Slug == slug || v.Name == nameOrSlug);
        if (staged is not null) return staged;
        var vocabulary = await db.Vocabularies.FirstOrDefaultAsync(v => v.Name == nameOrSlug || v.Slug == slug, cancellation);
        if (vocabulary is not null) return vocabulary;
        // The importers refuse such names with a line number; this guards any other caller.
        if (SiteRoutes.VocabularyNameProblem(slug) is { } problem) throw new InvalidOperationException(problem);
        var next = await db.Vocabularies.CountAsync(cancellation) + db.ChangeTracker.Entries<Vocabulary>().Count(e => e.State == EntityState.Added);
        var name = !named && nameOrSlug == slug ? char.ToUpperInvariant(slug[0]) + slug[1..].Replace('-', ' ') : nameOrSlug;
        vocabulary = new Vocabulary { Name = name, Slug = slug, Position = position ?? next };
        db.Vocabularies.Add(vocabulary);
        return vocabulary;
    }

    /// <summary>
    /// The one find-or-create of a term by name: the term of <paramref name="vocabulary"/> with the name's slug, staged
    /// when new (it is saved with the caller's save). Null when the name has no letters or digits.
    /// </summary>
    public async Task<Term?> FindOrCreateTermAsync(Vocabulary vocabulary, string name, string? slug = null, CancellationToken cancellation = default)
    {
        name = name.Trim();
        slug = Slugs.From(slug ?? name);
        if (slug.Length == 0) return null;
        var staged = db.ChangeTracker.Entries<Term>().Select(e => e.Entity)
            .FirstOrDefault(t => t.Slug == slug && (ReferenceEquals(t.Vocabulary, vocabulary) || (vocabulary.Id != 0 && t.VocabularyId == vocabulary.Id)));
        if (staged is not null) return staged;
        var term = vocabulary.Id == 0 ? null
            : await db.Terms.Include(t => t.Vocabulary).FirstOrDefaultAsync(t => t.VocabularyId == vocabulary.Id && t.Slug == slug, cancellation);
        if (term is null)
        {
            // A vocabulary saved earlier in an import may no longer be tracked: refer to it by id, never re-add it.
            term = vocabulary.Id == 0 ? new Term { Name = name, Slug = slug, Vocabulary = vocabulary }
                : new Term { Name = name, Slug = slug, VocabularyId = vocabulary.Id };
            db.Terms.Add(term);
        }
        return term;
    }

    private async Task<string?> VocabularySlugProblemAsync(string slug, int? id)
    {
        if (SiteRoutes.VocabularyNameProblem(slug) is { } problem) return problem;
        return await db.Vocabularies.AnyAsync(v => v.Slug == slug && v.Id != id) ? $"Another vocabulary already uses /{slug}/." : null;
    }

    private async Task<string?> TermSlugProblemAsync(int vocabularyId, string slug, int? id)
    {
        if (slug.Length == 0) return "The term needs letters or digits in its name or slug.";
        return await db.Terms.AnyAsync(t => t.VocabularyId == vocabularyId && t.Slug == slug && t.Id != id)
            ? $"Another term of this vocabulary already has the slug “{slug}”." : null;
    }
}
