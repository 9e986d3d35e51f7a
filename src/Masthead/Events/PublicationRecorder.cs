using Masthead.Articles;
using Masthead.Articles.Editing;
using Masthead.Authors;
using Masthead.Comments;
using Masthead.Data;
using Masthead.Publishing.Settings;
using Masthead.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Events;

/// <summary>
/// Writes the publication events of a save into that same save, so they commit or roll back with it. The owners of
/// writes (the editor, the scheduler, the importers, the archive restore, the taxonomy and people services) change
/// entities; what readers will see differently follows from those changes here, once, so no write path can forget to
/// announce itself. Set-based writes (ExecuteDelete) add their <see cref="PublicationEvent"/> themselves; either way
/// each event gets one delivery per consumer here.
/// </summary>
public sealed class PublicationRecorder(IEnumerable<IPublicationConsumer> consumers, EventSignal signal, TimeProvider clock)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly string[] consumerNames = consumers.Select(c => c.Name).ToArray();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellation = default)
    {
        if (eventData.Context is MastheadDb db) await RecordAsync(db, cancellation);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MastheadDb db) RecordAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    // A save inside a transaction is not visible yet: waking the dispatcher then only makes it wait on the writer's
    // lock (on SQLite, a busy retry of ~100 ms). Those wake it when the transaction commits. Only a write that staged
    // events wakes it: waking on every commit woke it on its own claims, and an idle server spun a core.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Wake(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellation = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) Wake(eventData.Context);
        return ValueTask.FromResult(result);
    }

    void IDbTransactionInterceptor.TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData.Context);

    Task IDbTransactionInterceptor.TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellation)
    {
        Wake(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is MastheadDb db) Forget(db);
    }

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellation)
    {
        if (eventData.Context is MastheadDb db) Forget(db);
        return Task.CompletedTask;
    }

    private void Wake(DbContext? context)
    {
        if (context is not MastheadDb { WroteEvents: true } db) return;
        db.WroteEvents = false;
        var keys = db.StagedKeys.ToArray();
        var ids = db.StagedEvents.Select(e => e.Id).ToArray();
        db.StagedKeys.Clear();
        db.StagedEvents.Clear();
        signal.Pulse(keys, ids);
    }

    private static void Forget(MastheadDb db)
    {
        db.WroteEvents = false;
        db.StagedKeys.Clear();
        db.StagedEvents.Clear();
    }

    private async Task RecordAsync(MastheadDb db, CancellationToken cancellation)
    {
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var change in await DescribeAsync(db, cancellation))
        {
            change.At = now;
            db.Add(change);
        }
        foreach (var added in db.ChangeTracker.Entries<PublicationEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
        {
            db.WroteEvents = true;
            db.StagedKeys.UnionWith(added.KeyList);
            db.StagedEvents.Add(added);
            if (added.At == default) added.At = now;
            if (added.Deliveries.Count > 0) continue;
            foreach (var name in consumerNames) added.Deliveries.Add(new EventDelivery { Consumer = name, DueAt = added.At });
        }
    }

    private static async Task<List<PublicationEvent>> DescribeAsync(MastheadDb db, CancellationToken cancellation)
    {
        var entries = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0) return [];
        var events = new List<PublicationEvent>();
        var articles = new Dictionary<int, ArticleChange>();
        var described = new HashSet<Article>(ReferenceEqualityComparer.Instance);

        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Article article when IsVisible(entry):
                    described.Add(article);
                    events.Add(ArticleEvent(article, entry, db));
                    break;
                case Byline or ArticleTerm or ArticleNote or Comment when ArticleIdOf(entry) is { } articleId && ChildIsVisible(entry):
                    var change = articles.TryGetValue(articleId, out var known) ? known : articles[articleId] = new ArticleChange();
                    change.Keys.UnionWith(ChildKeys(entry));
                    change.OnlyComments &= entry.Entity is Comment;
                    break;
                case Term term when entry.State != EntityState.Added:
                    events.Add(Event("term", $"{Verb(entry)} the term “{term.Name}”", [CacheKeys.Term(term.Id), CacheKeys.Feeds, CacheKeys.Sitemaps, CacheKeys.Api]));
                    break;
                case Person person when entry.State != EntityState.Added:
                    events.Add(Event("person", $"{Verb(entry)} {person.Name}", [CacheKeys.Person(person.Id), CacheKeys.Feeds, CacheKeys.Sitemaps, CacheKeys.Api]));
                    break;
                case Vocabulary vocabulary when entry.State != EntityState.Added:
                    events.Add(Event("vocabulary", $"{Verb(entry)} the vocabulary “{vocabulary.Name}”", [CacheKeys.Site]));
                    break;
                // A picture's description and resized copies are in every page that shows it, wherever that is.
                case Media.MediaItem picture when entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified
                        && p.Metadata.Name is nameof(Media.MediaItem.Alt) or nameof(Media.MediaItem.Caption) or nameof(Media.MediaItem.Variants)):
                    events.Add(Event("media", $"changed the picture “{picture.OriginalName}”", [CacheKeys.Site]));
                    break;
                // The row made at first start holds defaults nobody has seen yet: only changes to it are news.
                case SiteSettings when entry.State == EntityState.Modified
                                       && entry.Properties.Any(p => p.IsModified && p.Metadata.Name is not (nameof(SiteSettings.ContentChangedAt) or nameof(SiteSettings.Version))):
                    events.Add(Event("site", "changed the site's settings", [CacheKeys.Site]));
                    break;
            }
        }

        // Bylines, terms, notes and comments changed without their article in this save: announce the article if readers see it.
        if (articles.Count == 0) return events;
        var tracked = db.ChangeTracker.Entries<Article>().Where(e => e.Entity.Id > 0).ToDictionary(e => e.Entity.Id, e => e);
        var untracked = articles.Keys.Where(id => !tracked.ContainsKey(id)).ToList();
        var stored = untracked.Count == 0 ? [] : await db.Articles.AsNoTracking().Where(a => untracked.Contains(a.Id))
            .Select(a => new { a.Id, a.Uuid, a.Headline, a.Status }).ToDictionaryAsync(a => a.Id, cancellation);
        foreach (var (id, change) in articles)
        {
            if (tracked.TryGetValue(id, out var entry))
            {
                if (described.Contains(entry.Entity))
                {
                    events.First(e => e.ArticleUuid == entry.Entity.Uuid).AddKeys(change.Keys);
                    continue;
                }
                if (entry.Entity.Status != ArticleStatus.Published) continue;
                events.Add(Event(change.OnlyComments ? "comment" : "article", change.Summary(entry.Entity.Headline), change.For(id), entry.Entity.Uuid));
            }
            else if (stored.TryGetValue(id, out var article) && article.Status == ArticleStatus.Published)
            {
                events.Add(Event(change.OnlyComments ? "comment" : "article", change.Summary(article.Headline), change.For(id), article.Uuid));
            }
        }
        return events;
    }

    private sealed class ArticleChange
    {
        public HashSet<string> Keys { get; } = [];
        /// <summary>A comment shows on its article's page and in the comment feeds, nowhere else.</summary>
        public bool OnlyComments { get; set; } = true;

        public IEnumerable<string> For(int articleId) => OnlyComments
            ? [CacheKeys.Article(articleId), CacheKeys.Comments]
            : [CacheKeys.Article(articleId), .. Keys, .. CacheKeys.Listings];

        public string Summary(string headline) => OnlyComments ? $"comments changed on “{headline}”" : $"updated “{headline}”";
    }

    private static bool IsVisible(EntityEntry entry)
    {
        var status = entry.Property(nameof(Article.Status));
        return entry.State switch
        {
            EntityState.Added => (ArticleStatus)status.CurrentValue! == ArticleStatus.Published,
            EntityState.Deleted => (ArticleStatus)status.OriginalValue! == ArticleStatus.Published,
            _ => (ArticleStatus)status.OriginalValue! == ArticleStatus.Published || (ArticleStatus)status.CurrentValue! == ArticleStatus.Published,
        };
    }

    private static PublicationEvent ArticleEvent(Article article, EntityEntry entry, MastheadDb db)
    {
        var was = entry.State == EntityState.Added ? (ArticleStatus?)null : (ArticleStatus)entry.Property(nameof(Article.Status)).OriginalValue!;
        var verb = entry.State switch
        {
            EntityState.Deleted => "deleted",
            _ when was != ArticleStatus.Published => "published",
            _ when article.Status != ArticleStatus.Published => "unpublished",
            _ => "updated",
        };
        var keys = new List<string>(CacheKeys.Listings);
        if (entry.State != EntityState.Added) keys.Add(CacheKeys.Article(article.Id));
        keys.AddRange(article.Terms.Where(t => t.TermId > 0).Select(t => CacheKeys.Term(t.TermId)));
        keys.AddRange(article.Bylines.Where(b => b.PersonId > 0).Select(b => CacheKeys.Person(b.PersonId)));
        // Terms and bylines taken off in this save: their archives lose the article.
        foreach (var removed in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Deleted))
            if (ArticleIdOf(removed) == article.Id && article.Id > 0) keys.AddRange(ChildKeys(removed));
        return Event("article", $"{verb} “{article.Headline}”", keys, article.Uuid);
    }

    private static bool ChildIsVisible(EntityEntry entry) => entry.Entity is not Comment
        || (CommentStatus)entry.Property(nameof(Comment.Status)).CurrentValue! == CommentStatus.Approved
        || (entry.State != EntityState.Added && (CommentStatus)entry.Property(nameof(Comment.Status)).OriginalValue! == CommentStatus.Approved);

    private static int? ArticleIdOf(EntityEntry entry)
    {
        var id = entry.Entity switch
        {
            Byline b => b.ArticleId,
            ArticleTerm t => t.ArticleId,
            ArticleNote n => n.ArticleId,
            Comment c => c.ArticleId,
            _ => 0,
        };
        return id > 0 ? id : null;
    }

    private static string[] ChildKeys(EntityEntry entry) => entry.Entity switch
    {
        Byline b when b.PersonId > 0 => [CacheKeys.Person(b.PersonId)],
        ArticleTerm t when t.TermId > 0 => [CacheKeys.Term(t.TermId)],
        _ => [],
    };

    private static string Verb(EntityEntry entry) => entry.State == EntityState.Deleted ? "deleted" : "changed";

    public static PublicationEvent Event(string subject, string summary, IEnumerable<string> keys, Guid? articleUuid = null) => new()
    {
        Subject = subject,
        Summary = summary.Length <= 500 ? summary : summary[..499] + "…",
        Keys = string.Join(' ', keys.Distinct()),
        ArticleUuid = articleUuid,
    };
}

/// <summary>
/// Tells this process that events committed: the dispatcher wakes instead of waiting for its next poll, and
/// <see cref="Committed"/> hears their cache keys at once (the output cache evicts before the writer's next request).
/// </summary>
public sealed class EventSignal
{
    private readonly SemaphoreSlim pulses = new(0, 1);

    /// <summary>The cache keys and the ids of events this process just committed.</summary>
    public event Action<IReadOnlyCollection<string>, IReadOnlyCollection<long>>? Committed;

    public void Pulse(IReadOnlyCollection<string> keys, IReadOnlyCollection<long> eventIds)
    {
        if (keys.Count > 0) Committed?.Invoke(keys, eventIds);
        Pulse();
    }

    public void Pulse()
    {
        try { if (pulses.CurrentCount == 0) pulses.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellation) => pulses.WaitAsync(timeout, cancellation);
}
