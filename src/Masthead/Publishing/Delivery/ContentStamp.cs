using Masthead.Articles;
using Masthead.Data;
using Masthead.Publishing.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Publishing.Delivery;

/// <summary>
/// Moves <see cref="SiteSettings.ContentChangedAt"/> whenever a save touches anything a public page shows, in the same
/// transaction as that save. Public pages send it as Last-Modified, so a cache's If-Modified-Since is answered right
/// whichever screen, import or background job made the change.
/// </summary>
public sealed class ContentStamp(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> PublicTypes =
    [
        typeof(Article), typeof(Byline), typeof(ArticleTerm), typeof(Articles.Editing.ArticleNote), typeof(Authors.Person),
        typeof(Taxonomy.Term), typeof(Taxonomy.Vocabulary), typeof(Origin), typeof(Comments.Comment),
    ];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellation = default)
    {
        if (eventData.Context is MastheadDb db && TouchesPublicContent(db) && !StampTracked(db))
            await Untracked(db).ExecuteUpdateAsync(s => s.SetProperty(x => x.ContentChangedAt, Now), cancellation);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is MastheadDb db && TouchesPublicContent(db) && !StampTracked(db))
            Untracked(db).ExecuteUpdate(s => s.SetProperty(x => x.ContentChangedAt, Now));
        return result;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>When the settings row is part of this save, the stamp rides along with it.</summary>
    private bool StampTracked(MastheadDb db)
    {
        if (db.ChangeTracker.Entries<SiteSettings>().FirstOrDefault()?.Entity is not { } settings) return false;
        settings.ContentChangedAt = Now;
        return true;
    }

    private static IQueryable<SiteSettings> Untracked(MastheadDb db) =>
        db.SiteSettings.Where(s => s.Id == SiteSettings.SingletonId);

    private static bool TouchesPublicContent(MastheadDb db)
    {
        db.ChangeTracker.DetectChanges();
        return db.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && (PublicTypes.Contains(e.Metadata.ClrType) || e.Entity is SiteSettings));
    }
}
