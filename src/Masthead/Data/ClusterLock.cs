using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

/// <summary>
/// Work that one process of a cluster does at a time (the scheduler's pass, the link checker's, the demo import): a
/// PostgreSQL advisory lock, held by the connection of the store the work uses and let go with it, also when the
/// process dies. SQLite is one server's file: nothing to share, nothing to take.
/// </summary>
public sealed class ClusterLock : IAsyncDisposable
{
    private readonly MastheadDb? db;
    private readonly string name;

    private ClusterLock(MastheadDb? db, string name) => (this.db, this.name) = (db, name);

    /// <summary>The lock, or null when another process holds it (it is doing this work now).</summary>
    public static async Task<ClusterLock?> TryTakeAsync(MastheadDb db, string name, CancellationToken cancellation = default)
    {
        if (!db.Database.IsNpgsql()) return new ClusterLock(null, name);
        await db.Database.OpenConnectionAsync(cancellation);
        if (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtext({name})) AS \"Value\"").SingleAsync(cancellation))
            return new ClusterLock(db, name);
        await db.Database.CloseConnectionAsync();
        return null;
    }

    /// <summary>Waits for the lock: for work that must be done once, after whoever is doing it now.</summary>
    public static async Task<ClusterLock> TakeAsync(MastheadDb db, string name, CancellationToken cancellation = default)
    {
        if (!db.Database.IsNpgsql()) return new ClusterLock(null, name);
        await db.Database.OpenConnectionAsync(cancellation);
        await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_advisory_lock(hashtext({name}))").SingleAsync(cancellation);
        return new ClusterLock(db, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (db is null) return;
        try { await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock(hashtext({name})) AS \"Value\"").SingleAsync(); }
        finally { await db.Database.CloseConnectionAsync(); } // closing also ends the lock, should the unlock have failed
    }
}
