using System.Text.Json;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Articles.Editing;

/// <summary>
/// The editor's autosave: one slot per person and article. Writing a slot never touches the article, its revisions or
/// what readers see; a successful save of the article empties the slot (in <see cref="ArticleEditor.SaveAsync"/>).
/// </summary>
public sealed class ArticleDrafts(MastheadDb db, TimeProvider clock)
{
    public async Task KeepAsync(int staffId, int? articleId, ArticleForm form, CancellationToken cancellation = default)
    {
        var json = JsonSerializer.Serialize(form);
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = await db.Drafts.SingleOrDefaultAsync(d => d.StaffId == staffId && d.ArticleId == articleId, cancellation);
        if (slot is null) db.Drafts.Add(new ArticleDraft { StaffId = staffId, ArticleId = articleId, Form = json, SavedAt = now });
        else (slot.Form, slot.SavedAt) = (json, now);
        try { await db.SaveChangesAsync(cancellation); }
        catch (DbUpdateException)
        {
            // The page's other autosave (typing and leaving at once) made the slot first: write over it.
            db.ChangeTracker.Clear();
            await db.Drafts.Where(d => d.StaffId == staffId && d.ArticleId == articleId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Form, json).SetProperty(d => d.SavedAt, now), cancellation);
        }
    }

    /// <summary>The slot, when it holds something other than what is saved (an autosave newer than the last save).</summary>
    public async Task<(ArticleForm Form, DateTime SavedAt)?> FindAsync(int staffId, int? articleId, CancellationToken cancellation = default)
    {
        var slot = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.StaffId == staffId && d.ArticleId == articleId, cancellation);
        return slot is null ? null : (JsonSerializer.Deserialize<ArticleForm>(slot.Form)!, slot.SavedAt);
    }

    public Task DiscardAsync(int staffId, int? articleId, CancellationToken cancellation = default) =>
        db.Drafts.Where(d => d.StaffId == staffId && d.ArticleId == articleId).ExecuteDeleteAsync(cancellation);
}
