using System.Security.Cryptography;
using Masthead.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Masthead.ContentApi;

/// <summary>
/// A Content API key, as Ghost's: 26 lowercase hex characters, sent as <c>?key=</c> by browsers and front ends. It only
/// reads what the public site already shows, so it is stored as is (Ghost does the same) and may sit in page source.
/// </summary>
public sealed class ContentApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Secret { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class ContentKeys
{
    public const int Length = 26;

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static async Task<Outcome<ContentApiKey>> CreateAsync(MastheadDb db, string name, DateTime now, CancellationToken cancellation = default)
    {
        name = name.Trim();
        if (name.Length == 0) return Refusal.Invalid("Name", "A key needs a name (the front end or integration that will use it).");
        if (await db.ContentApiKeys.AnyAsync(k => k.Name == name, cancellation))
            return Refusal.Invalid("Name", $"There is already a key named '{name}'.");
        var key = new ContentApiKey { Name = name, Secret = NewSecret(), CreatedAt = now };
        db.ContentApiKeys.Add(key);
        await db.SaveChangesAsync(cancellation);
        return key;
    }

    /// <summary>Revokes by name or by the key itself; false when neither names a key.</summary>
    public static async Task<bool> RevokeAsync(MastheadDb db, string nameOrSecret, CancellationToken cancellation = default)
    {
        var revoked = await db.ContentApiKeys.Where(k => k.Name == nameOrSecret || k.Secret == nameOrSecret).ToListAsync(cancellation);
        if (revoked.Count == 0) return false;
        db.ContentApiKeys.RemoveRange(revoked);
        // Answers given to the key are kept by the output cache and CDNs: they must go with it.
        db.Add(Events.PublicationRecorder.Event("site", "revoked a Content API key", [Events.CacheKeys.Api]));
        await db.SaveChangesAsync(cancellation);
        return true;
    }

    public static Task<bool> IsValidAsync(MastheadDb db, string secret, CancellationToken cancellation) =>
        secret.Length == Length ? db.ContentApiKeys.AnyAsync(k => k.Secret == secret, cancellation) : Task.FromResult(false);
}

internal sealed class ContentApiKeyConfiguration : IEntityTypeConfiguration<ContentApiKey>
{
    public void Configure(EntityTypeBuilder<ContentApiKey> key)
    {
        key.HasIndex(k => k.Secret).IsUnique();
        key.HasIndex(k => k.Name).IsUnique();
        key.Property(k => k.Secret).HasMaxLength(ContentKeys.Length);
        key.Property(k => k.Name).HasMaxLength(200);
    }
}
