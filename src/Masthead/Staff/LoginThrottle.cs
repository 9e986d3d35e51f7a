using Masthead.Data;
using Microsoft.EntityFrameworkCore;

namespace Masthead.Staff;

/// <summary>
/// Slows down whoever guesses, not the person guessed at. Wrong passwords are counted per client, for each address and
/// over all addresses (known or not, so the answers say nothing about which exist); past a few, that client waits,
/// twice as long after each further failure, up to <see cref="Window"/>. Nobody's account is ever locked: the real
/// person, from their own browser, still gets in while someone else is being slowed down. Kept in the store, so every
/// server of a cluster counts the same failures.
/// </summary>
public sealed class LoginThrottle(MastheadDb db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int FreeTriesPerAddress = 5;
    public const int FreeTriesPerClient = 20;
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>How long this client must wait before trying <paramref name="email"/>, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(string client, string email, CancellationToken cancellation)
    {
        var since = Now - Window;
        var failures = await db.Set<LoginFailure>().AsNoTracking().Where(f => f.Client == client && f.At > since)
            .Select(f => new { f.Email, f.At }).ToListAsync(cancellation);
        if (failures.Count == 0) return null;
        var forAddress = failures.Where(f => f.Email == email).ToList();
        var wait = new[] { Wait(forAddress.Count, FreeTriesPerAddress, forAddress.Select(f => f.At)), Wait(failures.Count, FreeTriesPerClient, failures.Select(f => f.At)) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(string client, string email, CancellationToken cancellation)
    {
        var expired = Now - Window;
        await db.Set<LoginFailure>().Where(f => f.At < expired).ExecuteDeleteAsync(cancellation);
        db.Add(new LoginFailure { Client = client, Email = email, At = Now });
        await db.SaveChangesAsync(cancellation);
    }

    /// <summary>The right password from this client: its failures for that address are forgiven.</summary>
    public Task SucceededAsync(string client, string email, CancellationToken cancellation) =>
        db.Set<LoginFailure>().Where(f => f.Client == client && f.Email == email).ExecuteDeleteAsync(cancellation);

    private TimeSpan Wait(int failures, int free, IEnumerable<DateTime> at)
    {
        if (failures < free) return TimeSpan.Zero;
        var backoff = TimeSpan.FromTicks(Math.Min(Window.Ticks, FirstWait.Ticks << Math.Min(failures - free, 20)));
        return at.Max() + backoff - Now;
    }

    /// <summary>The client as the throttle knows it: its address (through a trusted proxy, the one the proxy saw).</summary>
    public static string Client(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
