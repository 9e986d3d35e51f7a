using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Publishing.Addresses;

public static class Redirects
{
    /// <summary>Records that <paramref name="from"/> moved to <paramref name="to"/>, and points older moves there too (no chains).</summary>
    public static async Task AddAsync(MastheadDb db, string from, string to, CancellationToken cancellation = default)
    {
        foreach (var earlier in await db.Redirects.Where(r => r.ToPath == from).ToListAsync(cancellation))
            earlier.ToPath = to;
        // Moving back to a path that had moved away: it is live again, so it must not redirect.
        await db.Redirects.Where(r => r.FromPath == to).ExecuteDeleteAsync(cancellation);
        var existing = await db.Redirects.SingleOrDefaultAsync(r => r.FromPath == from, cancellation);
        if (existing is null) db.Redirects.Add(new Redirect { FromPath = from, ToPath = to });
        else existing.ToPath = to;
        await db.SaveChangesAsync(cancellation);
    }

    public static Task<string?> FindAsync(MastheadDb db, string path, CancellationToken cancellation = default) =>
        db.Redirects.AsNoTracking().Where(r => r.FromPath == path).Select(r => r.ToPath).SingleOrDefaultAsync(cancellation);
}
