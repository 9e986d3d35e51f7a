using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Masthead.Data;

/// <summary>
/// Optimistic concurrency for what people edit (articles, terms, vocabularies, people, settings). Each has a
/// <c>Version</c>: PostgreSQL's xmin where the row is only written by its editors, else a column this interceptor moves
/// on every update. Either way EF adds "WHERE Version = what the editor opened", and a stale save fails with
/// <see cref="DbUpdateConcurrencyException"/> instead of overwriting.
/// </summary>
public sealed class ConcurrencyVersions : SaveChangesInterceptor
{
    public const string Property = "Version";

    /// <summary>On PostgreSQL the version of these is xmin; everything else with a Version has a column.</summary>
    public static void Configure(ModelBuilder model, bool postgres, params Type[] xminTypes)
    {
        foreach (var entity in model.Model.GetEntityTypes().Where(e => e.FindProperty(Property) is not null && !e.IsOwned()))
        {
            var version = model.Entity(entity.ClrType).Property(Property);
            if (postgres && xminTypes.Contains(entity.ClrType)) version.IsRowVersion();
            else version.IsConcurrencyToken();
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Advance(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellation = default)
    {
        Advance(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Advance(DbContext? context)
    {
        if (context is null) return;
        context.ChangeTracker.DetectChanges();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            if (entry.Metadata.FindProperty(Property) is not { ValueGenerated: ValueGenerated.Never } property) continue;
            var version = entry.Property(property.Name);
            if (!version.IsModified) version.CurrentValue = (uint)version.OriginalValue! + 1;
        }
    }
}
