using Masthead.Data;
using Masthead.Media;
using Masthead.Publishing.Addresses;
using Masthead.Publishing.Body;
using Masthead.Publishing.Links;
using Masthead.Publishing.Settings;
using Masthead.Staff;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Editing;

/// <summary>An article saved by someone else since the editor opened it: what it is now and what changed.</summary>
public sealed record ArticleConflict(Article Current, IReadOnlyList<DiffLine> Changes, string? SavedBy, DateTime SavedAt);

/// <summary>What publishing asks an editor to confirm: broken links (placeholders among them), pictures without alt text.</summary>
public sealed record PublishChecks(IReadOnlyList<LinkState> BrokenLinks, string? FeaturedWithoutAlt, IReadOnlyList<string> ImagesWithoutAlt)
{
    public int PicturesWithoutAlt => ImagesWithoutAlt.Count + (FeaturedWithoutAlt is null ? 0 : 1);
    public bool Passed => BrokenLinks.Count == 0 && PicturesWithoutAlt == 0;
}

/// <summary>
/// Saves articles from the back office: validates the form, applies the workflow step, and writes the article and a
/// revision of it in one transaction.
/// </summary>
public sealed class ArticleEditor(MastheadDb db, BodyRenderer renderer, TaxonomyEditor taxonomy, TimeProvider clock)
{
    public Task<Article?> LoadAsync(int id, CancellationToken cancellation = default) =>
        db.Articles
            .Include(a => a.Bylines).ThenInclude(b => b.Person)
            .Include(a => a.Terms).ThenInclude(t => t.Term).ThenInclude(t => t.Vocabulary)
            .Include(a => a.Notes)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellation);

    /// <summary>
    /// Saves the form as the article's next version. Refused (with everything typed still in the caller's hands) when
    /// the person may not, when a field is wrong, when links need confirming, or when someone saved the article after
    /// the form was opened (<see cref="ArticleForm.Version"/>): then the refusal carries an <see cref="ArticleConflict"/>.
    /// </summary>
    public async Task<Outcome<Article>> SaveAsync(int? id, ArticleForm form, StaffMember staff, EditorAction action, bool confirmedChecks,
        TimeZoneInfo zone, CancellationToken cancellation = default)
    {
        var article = id is { } existingId ? await LoadAsync(existingId, cancellation) : null;
        if (id is not null && article is null) return Refusal.NotFound("That article no longer exists.");
        if (article is not null && !Permissions.CanEdit(staff, article)) return Refusal.Forbidden();
        var mayPublish = article is null ? Permissions.Allows(staff.Role, Permissions.Publish) : Permissions.CanPublish(staff, article);
        if (action is EditorAction.Publish or EditorAction.Schedule or EditorAction.Unpublish && !mayPublish) return Refusal.Forbidden();
        if (article is not null && article.Version != form.Version) return await ConflictAsync(article, form, cancellation);

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = await ValidateAsync(id, form, action, zone, now, cancellation);
        await CheckRightsAsync(errors, article, form, staff, action, cancellation);
        if (errors.Count > 0) return Refusal.Invalid(errors);

        if (action is EditorAction.Publish or EditorAction.Schedule)
        {
            var body = BodyRenderer.ToRawHtml(form.BodyMarkdown ?? "");
            var broken = (await LinkReport.ForRawHtmlAsync(db, body, cancellation)).Where(l => l.IsBroken).ToList();
            var featured = PlainText.TrimmedOrNull(form.FeaturedImage);
            var media = await ResponsiveImages.PicturesInAsync(db, [body, featured], cancellation);
            var featuredWithoutAlt = featured is not null && MediaLibrary.Describing(form.FeaturedImageAlt) is null
                && string.IsNullOrWhiteSpace(ResponsiveImages.Item(featured, media)?.Alt);
            var checks = new PublishChecks(broken, featuredWithoutAlt ? featured : null, ResponsiveImages.WithoutAlt(body, media));
            var refuse = await db.SiteSettings.AsNoTracking().Select(s => s.RefuseBrokenLinks).SingleOrDefaultAsync(cancellation);
            if (broken.Count > 0 && refuse)
                return Refusal.Invalid(new Dictionary<string, string>
                {
                    ["BodyMarkdown"] = $"The body has {broken.Count} broken link(s); this site does not publish articles with broken links.",
                }, checks);
            if (!checks.Passed && !confirmedChecks) return Refusal.Invalid(new Dictionary<string, string>(), checks);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
            if (article is null)
            {
                article = new Article { Slug = "", Headline = "", CreatedAt = now, CreatedById = staff.Id, Status = ArticleStatus.Draft };
                db.Articles.Add(article);
            }
            else
            {
                db.Entry(article).Property(a => a.Version).OriginalValue = form.Version;
            }
            var oldPath = article.Status == ArticleStatus.Published ? SiteRoutes.Article(article.Slug) : null;
            await ApplyAsync(article, form, now, cancellation);
            var label = Step(article, action, form, zone, now);
            await db.SaveChangesAsync(cancellation);

            if (oldPath is not null && oldPath != SiteRoutes.Article(article.Slug))
                await Redirects.AddAsync(db, oldPath, SiteRoutes.Article(article.Slug), cancellation);
            // What readers can see reaches the link checker through its publication event; a draft's links are queued
            // here, so the editor can show their state before publishing.
            if (article.Status != ArticleStatus.Published) await LinkReport.QueueAsync(db, article.BodyMarkdown, cancellation);
            await RecordAsync(article, staff, label, cancellation);
            await db.Drafts.Where(d => d.StaffId == staff.Id && (d.ArticleId == article.Id || (id == null && d.ArticleId == null)))
                .ExecuteDeleteAsync(cancellation);
            await transaction.CommitAsync(cancellation);
            return article;
        }
        catch (DbUpdateConcurrencyException) when (id is { } saved)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync((await LoadAsync(saved, cancellation))!, form, cancellation);
        }
        catch (DbUpdateException error) when (UniqueSlugTaken(error))
        {
            // Two saves took the same slug at once: the unique index refused the later one.
            db.ChangeTracker.Clear();
            return Refusal.Invalid("Slug", "Another article took this slug a moment ago; choose another.");
        }
    }

    private static bool UniqueSlugTaken(DbUpdateException error) =>
        error.InnerException?.Message is { } message
        && (message.Contains("Articles.Slug", StringComparison.Ordinal) || message.Contains("IX_Articles_Slug", StringComparison.Ordinal));

    /// <summary>What changed between the revision the form was opened on and the article as it is now.</summary>
    private async Task<Refusal> ConflictAsync(Article current, ArticleForm form, CancellationToken cancellation)
    {
        var revisions = await db.Revisions.AsNoTracking().Where(r => r.ArticleId == current.Id && r.Number >= form.BaseRevision)
            .OrderBy(r => r.Number).ToListAsync(cancellation);
        var opened = revisions.FirstOrDefault(r => r.Number == form.BaseRevision);
        var latest = revisions.LastOrDefault();
        var now = ArticleSnapshot.Of(current).ToLines();
        var changes = LineDiff.Compare(opened is null ? [] : ArticleSnapshot.FromJson(opened.Snapshot).ToLines(), now);
        return Refusal.Conflict($"{latest?.StaffName ?? "Someone"} saved this article after you opened it. Your text is still here: compare, then keep yours, take theirs, or merge by hand.",
            new ArticleConflict(current, changes, latest?.StaffName, latest?.CreatedAt ?? current.UpdatedAt));
    }

    private async Task<Dictionary<string, string>> ValidateAsync(int? id, ArticleForm form, EditorAction action, TimeZoneInfo zone, DateTime now,
        CancellationToken cancellation)
    {
        var errors = new Dictionary<string, string>();
        if (PlainText.TrimmedOrNull(form.Headline) is null) errors["Headline"] = "A headline is required.";
        else if (form.Headline!.Length > 500) errors["Headline"] = "Keep the headline under 500 characters.";

        var slug = string.IsNullOrWhiteSpace(form.Slug) ? null : Slugs.From(form.Slug);
        if (form.Slug is { Length: > 0 } && string.IsNullOrEmpty(slug)) errors["Slug"] = "The slug needs letters or digits.";
        else if (slug is not null && SiteRoutes.Reserved.Contains(slug)) errors["Slug"] = $"“{slug}” is reserved for the site's own pages.";
        else if (slug is not null && await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != id, cancellation))
            errors["Slug"] = $"Another article already has the slug “{slug}”.";

        if (BodyRenderer.NestingProblem(form.BodyMarkdown ?? "") is { } nesting) errors["BodyMarkdown"] = "Markdown cannot read this: " + nesting + ".";
        if (PlainText.TrimmedOrNull(form.OriginUrl) is { } originUrl && !WebAddress.IsHttp(originUrl))
            errors["OriginUrl"] = "Give the original's full address, starting with http:// or https://.";
        if (PlainText.TrimmedOrNull(form.FeaturedImage) is { } image && !WebAddress.IsImage(image))
            errors["FeaturedImage"] = "Give the image's full address (https://…) or choose one from the media library (/media/…).";
        if (MediaLibrary.Describing(form.FeaturedImageAlt)?.Length > MediaLibrary.MaxAlt)
            errors["FeaturedImageAlt"] = $"Alt text has at most {MediaLibrary.MaxAlt:N0} characters. Say what the picture shows, briefly.";
        if (MediaLibrary.Describing(form.FeaturedImageCaption)?.Length > MediaLibrary.MaxCaption)
            errors["FeaturedImageCaption"] = $"A caption has at most {MediaLibrary.MaxCaption:N0} characters.";
        if (string.IsNullOrWhiteSpace(form.OriginOutlet) && (!string.IsNullOrWhiteSpace(form.OriginUrl) || form.OriginDate is not null))
            errors["OriginOutlet"] = "Name the publication the piece first appeared in.";

        var personIds = form.Bylines.OfType<int>().Distinct().ToList();
        if (await db.People.CountAsync(p => personIds.Contains(p.Id), cancellation) != personIds.Count)
            errors["Bylines"] = "A byline names someone who no longer exists; choose again.";

        if (action == EditorAction.Schedule)
        {
            if (form.PublishAt is not { } local) errors["PublishAt"] = "Choose when to publish.";
            else if (TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone) <= now)
                errors["PublishAt"] = "Choose a time in the future, or publish now.";
        }
        return errors;
    }

    /// <summary>
    /// What the role allows beyond saving: terms are the editors' (others tick existing ones; a name typed that matches
    /// one is that term), and an Author publishes under their own byline only; anyone else's goes through review.
    /// </summary>
    private async Task CheckRightsAsync(Dictionary<string, string> errors, Article? article, ArticleForm form, StaffMember staff,
        EditorAction action, CancellationToken cancellation)
    {
        if (Permissions.Allows(staff.Role, Permissions.ManageContent)) return;
        foreach (var (vocabularyId, typed) in form.NewTerms.Where(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            var names = typed!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var known = await db.Terms.Where(t => t.VocabularyId == vocabularyId).Select(t => t.Name).ToListAsync(cancellation);
            if (names.FirstOrDefault(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            {
                errors["NewTerms"] = $"“{unknown}” is not a term yet, and terms are added by editors: tick an existing one, or ask an editor.";
                break;
            }
        }
        var goesLive = action is EditorAction.Publish or EditorAction.Schedule || article?.Status is ArticleStatus.Published or ArticleStatus.Scheduled;
        if (goesLive && form.Bylines.OfType<int>().Any(person => person != staff.PersonId))
            errors["Bylines"] = "An article under someone else's byline is published by an editor: submit it for review.";
    }

    private async Task ApplyAsync(Article article, ArticleForm form, DateTime now, CancellationToken cancellation)
    {
        article.Headline = PlainText.Storable(form.Headline!).Trim();
        article.Dek = PlainText.TrimmedOrNull(form.Dek);
        article.Dateline = PlainText.TrimmedOrNull(form.Dateline);
        // A slug made from the headline gets a number when taken; one the editor typed is theirs (validated above), so
        // losing a race for it is a field error, not a silent "-2".
        if (string.IsNullOrWhiteSpace(form.Slug))
        {
            var wanted = Slugs.From(article.Headline);
            if (wanted != article.Slug) article.Slug = await Slugs.UniqueArticleSlugAsync(db, wanted, article.Id, cancellation: cancellation);
        }
        else if (Slugs.From(form.Slug) is var typed && typed != article.Slug) article.Slug = typed;
        article.Visibility = form.Visibility;
        article.CommentsMode = form.CommentsMode;
        SetBody(article, (form.BodyMarkdown ?? "").Replace("\r\n", "\n"));
        article.ReaderNote = PlainText.TrimmedOrNull(form.ReaderNote);
        article.FeaturedImage = PlainText.TrimmedOrNull(form.FeaturedImage);
        (article.FeaturedImageAlt, article.FeaturedImageCaption) = article.FeaturedImage is null ? (null, null)
            : (MediaLibrary.Describing(form.FeaturedImageAlt), MediaLibrary.Describing(form.FeaturedImageCaption));
        article.Featured = form.Featured;
        article.IsPage = form.IsPage;
        article.Origin = PlainText.TrimmedOrNull(form.OriginOutlet) is { } outlet
            ? new Origin { Outlet = outlet, Url = PlainText.TrimmedOrNull(form.OriginUrl), OriginalDate = form.OriginDate,
                IsCanonical = form.OriginIsCanonical && PlainText.TrimmedOrNull(form.OriginUrl) is not null }
            : null;
        article.UpdatedAt = now;

        var personIds = form.Bylines.OfType<int>().Distinct().ToList();
        var people = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellation);
        SetBylines(article, personIds.Select(id => people[id]));
        SetTerms(article, await TermsAsync(form, cancellation));
    }

    /// <summary>
    /// Removes an article for good, with its revisions and notes (Ghost's delete; there is no trash). Its search index
    /// entry goes in the same transaction, through the store's own triggers or generated column.
    /// </summary>
    public async Task<Outcome<Done>> DeleteAsync(int id, StaffMember staff, CancellationToken cancellation = default)
    {
        var article = await LoadAsync(id, cancellation);
        if (article is null) return Refusal.NotFound("That article no longer exists.");
        if (!Permissions.CanEdit(staff, article)
            || (article.Status is ArticleStatus.Published or ArticleStatus.Scheduled && !Permissions.CanPublish(staff, article)))
            return Refusal.Forbidden();
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellation);
        return Done.Value;
    }

    public void SetBody(Article article, string markdown) => renderer.RenderInto(article, markdown);

    /// <summary>Replaces the bylines, in the order given.</summary>
    public static void SetBylines(Article article, IEnumerable<Authors.Person> people)
    {
        article.Bylines.Clear();
        foreach (var (person, position) in people.Select((p, i) => (p, i)))
            article.Bylines.Add(new Byline { PersonId = person.Id, Person = person, Position = position });
    }

    /// <summary>Replaces the terms, in the order given.</summary>
    public static void SetTerms(Article article, IEnumerable<Term> terms)
    {
        article.Terms.Clear();
        foreach (var (term, position) in terms.Select((t, i) => (t, i)))
            article.Terms.Add(new ArticleTerm { TermId = term.Id, Term = term, Position = position });
    }

    /// <summary>The ticked terms, then the new ones typed per vocabulary (created here, or found if they already exist).</summary>
    private async Task<List<Term>> TermsAsync(ArticleForm form, CancellationToken cancellation)
    {
        var ids = form.TermIds.Distinct().ToList();
        var terms = await db.Terms.Include(t => t.Vocabulary).Where(t => ids.Contains(t.Id)).ToListAsync(cancellation);
        terms = ids.Select(id => terms.FirstOrDefault(t => t.Id == id)).OfType<Term>().ToList();
        foreach (var (vocabularyId, typed) in form.NewTerms)
        {
            var vocabulary = await db.Vocabularies.FindAsync([vocabularyId], cancellation);
            if (vocabulary is null || string.IsNullOrWhiteSpace(typed)) continue;
            foreach (var name in typed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (await taxonomy.FindOrCreateTermAsync(vocabulary, name, cancellation: cancellation) is { } term && !terms.Contains(term)) terms.Add(term);
        }
        return terms;
    }

    private static string Step(Article article, EditorAction action, ArticleForm form, TimeZoneInfo zone, DateTime now)
    {
        switch (action)
        {
            case EditorAction.Submit when article.Status is ArticleStatus.Draft or ArticleStatus.Unpublished:
                article.Status = ArticleStatus.InReview;
                return "Submitted for review";
            case EditorAction.Publish:
                // Republishing keeps the first publication date (as Ghost and WordPress do); "publish now" on a
                // scheduled piece moves its date to now.
                if (article.PublishedAt is null || article.PublishedAt > now) article.PublishedAt = now;
                article.Status = ArticleStatus.Published;
                return "Published";
            case EditorAction.Schedule:
                article.Status = ArticleStatus.Scheduled;
                article.PublishedAt = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(form.PublishAt!.Value, DateTimeKind.Unspecified), zone);
                return $"Scheduled for {SiteDates.Iso(article.PublishedAt.Value, zone)}";
            case EditorAction.Unpublish:
                article.Status = ArticleStatus.Unpublished;
                return "Unpublished";
            default:
                return "Saved";
        }
    }

    /// <summary>
    /// The state an import or the archive brings with an article (published on its own date, a draft, scheduled): the
    /// one place besides the workflow steps and the scheduler where an article becomes published.
    /// </summary>
    public static void TakeStatus(Article article, ArticleStatus status, DateTime? publishedAt)
    {
        article.Status = status;
        article.PublishedAt = publishedAt;
    }

    public async Task<int> LatestRevisionAsync(int articleId, CancellationToken cancellation = default) =>
        await db.Revisions.Where(r => r.ArticleId == articleId).MaxAsync(r => (int?)r.Number, cancellation) ?? 0;

    /// <summary>The scheduler's step: a scheduled article whose time has come is published, with its revision.</summary>
    public async Task<Article?> PublishIfDueAsync(int id, CancellationToken cancellation = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        var article = await LoadAsync(id, cancellation);
        if (article is not { Status: ArticleStatus.Scheduled } || article.PublishedAt > now) return null;
        article.Status = ArticleStatus.Published;
        article.UpdatedAt = now;
        await db.SaveChangesAsync(cancellation);
        await RecordAsync(article, null, "Published on schedule", cancellation);
        await transaction.CommitAsync(cancellation);
        return article;
    }

    /// <summary>Adds a revision with the article as it now stands. The caller saves the article first and owns the transaction.</summary>
    public async Task RecordAsync(Article article, StaffMember? staff, string action, CancellationToken cancellation)
    {
        var last = await db.Revisions.Where(r => r.ArticleId == article.Id).MaxAsync(r => (int?)r.Number, cancellation) ?? 0;
        db.Revisions.Add(new ArticleRevision
        {
            ArticleId = article.Id,
            Number = last + 1,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            StaffId = staff?.Id,
            StaffName = staff?.Name,
            Action = action,
            Snapshot = ArticleSnapshot.Of(article).ToJson(),
        });
        await db.SaveChangesAsync(cancellation);
    }

}
