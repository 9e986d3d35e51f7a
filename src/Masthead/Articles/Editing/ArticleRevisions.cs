using Masthead.Data;
using Masthead.Publishing.Addresses;
using Masthead.Staff;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Editing;

/// <summary>Revisions (listed, compared, restored) and corrections, each change of which is itself a revision.</summary>
public sealed class ArticleRevisions(MastheadDb db, ArticleEditor editor, TimeProvider clock)
{
    public Task<List<ArticleRevision>> ListAsync(int articleId, CancellationToken cancellation = default) =>
        db.Revisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number).ToListAsync(cancellation);

    public async Task<IReadOnlyList<DiffLine>?> DiffAsync(int articleId, int from, int to, CancellationToken cancellation = default)
    {
        var pair = await db.Revisions.AsNoTracking()
            .Where(r => r.ArticleId == articleId && (r.Number == from || r.Number == to))
            .ToDictionaryAsync(r => r.Number, r => ArticleSnapshot.FromJson(r.Snapshot), cancellation);
        if (!pair.TryGetValue(from, out var before) || !pair.TryGetValue(to, out var after)) return null;
        return LineDiff.Compare(before.ToLines(), after.ToLines());
    }

    /// <summary>
    /// Puts back the content of revision <paramref name="number"/>: text, bylines, terms, origin, notes to readers, image.
    /// The workflow state and the corrections stay as they are now: a restore never unpublishes or removes a correction.
    /// </summary>
    public async Task<Outcome<Done>> RestoreAsync(int articleId, int number, StaffMember staff, CancellationToken cancellation = default)
    {
        var article = await editor.LoadAsync(articleId, cancellation);
        var revision = await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, cancellation);
        if (article is null || revision is null) return Refusal.NotFound("That revision no longer exists.");
        if (!Permissions.CanEdit(staff, article)) return Refusal.Forbidden();
        var snapshot = ArticleSnapshot.FromJson(revision.Snapshot);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var oldPath = SiteRoutes.Article(article.Slug);
        article.Headline = snapshot.Headline;
        article.Dek = snapshot.Dek;
        article.Dateline = snapshot.Dateline;
        if (!await db.Articles.AnyAsync(a => a.Slug == snapshot.Slug && a.Id != articleId, cancellation)) article.Slug = snapshot.Slug;
        article.Visibility = snapshot.Visibility;
        editor.SetBody(article, snapshot.BodyMarkdown);
        article.ReaderNote = snapshot.ReaderNote;
        article.FeaturedImage = snapshot.FeaturedImage;
        (article.FeaturedImageAlt, article.FeaturedImageCaption) = (snapshot.FeaturedImageAlt, snapshot.FeaturedImageCaption);
        article.Origin = snapshot.OriginOutlet is { } outlet
            ? new Origin { Outlet = outlet, Url = snapshot.OriginUrl, OriginalDate = snapshot.OriginDate, IsCanonical = snapshot.OriginIsCanonical } : null;
        article.UpdatedAt = clock.GetUtcNow().UtcDateTime;

        var personIds = snapshot.Bylines.Select(b => b.PersonId).ToList();
        // People and terms deleted since the revision are left out.
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellation);
        ArticleEditor.SetBylines(article, personIds.Where(people.ContainsKey).Select(id => people[id]));
        var termIds = snapshot.Terms.Select(t => t.TermId).ToList();
        var terms = await db.Terms.Include(t => t.Vocabulary).Where(t => termIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellation);
        ArticleEditor.SetTerms(article, termIds.Where(terms.ContainsKey).Select(id => terms[id]));

        await db.SaveChangesAsync(cancellation);
        if (article.Status == ArticleStatus.Published && oldPath != SiteRoutes.Article(article.Slug))
            await Redirects.AddAsync(db, oldPath, SiteRoutes.Article(article.Slug), cancellation);
        await editor.RecordAsync(article, staff, $"Restored revision {number}", cancellation);
        await transaction.CommitAsync(cancellation);
        return Done.Value;
    }

    /// <summary>Appends a dated correction or update to a published article; the article counts as updated now.</summary>
    public async Task<Outcome<Article>> AddNoteAsync(int articleId, NoteKind kind, string? text, StaffMember staff, CancellationToken cancellation = default)
    {
        var article = await editor.LoadAsync(articleId, cancellation);
        if (article is null) return Refusal.NotFound("That article no longer exists.");
        if (!Permissions.CanPublish(staff, article)) return Refusal.Forbidden();
        if (article.Status != ArticleStatus.Published) return Refusal.Invalid("NoteText", "Corrections and updates are for published articles.");
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid("NoteText", "Write the text of the note.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var now = clock.GetUtcNow().UtcDateTime;
        article.Notes.Add(new ArticleNote { Kind = kind, Text = text.Trim(), At = now });
        article.UpdatedAt = now;
        await db.SaveChangesAsync(cancellation);
        await editor.RecordAsync(article, staff, kind + " added", cancellation);
        await transaction.CommitAsync(cancellation);
        return article;
    }

    /// <summary>Changes a note's text. The earlier text stays in the revision before this one, and the note shows it was amended.</summary>
    public async Task<Outcome<Done>> AmendNoteAsync(int articleId, int noteId, string? text, StaffMember staff, CancellationToken cancellation = default)
    {
        var article = await editor.LoadAsync(articleId, cancellation);
        var note = article?.Notes.SingleOrDefault(n => n.Id == noteId);
        if (article is null || note is null) return Refusal.NotFound("That note no longer exists.");
        if (!Permissions.CanPublish(staff, article)) return Refusal.Forbidden();
        if (string.IsNullOrWhiteSpace(text)) return Refusal.Invalid("text", "A note cannot be emptied; amend its text instead.");
        if (note.Text == text.Trim()) return Done.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var now = clock.GetUtcNow().UtcDateTime;
        note.Text = text.Trim();
        note.AmendedAt = now;
        article.UpdatedAt = now;
        await db.SaveChangesAsync(cancellation);
        await editor.RecordAsync(article, staff, note.Kind + " amended", cancellation);
        await transaction.CommitAsync(cancellation);
        return Done.Value;
    }
}
