using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Masthead.Data;

/// <summary>
/// Reads <c>Masthead:Database</c>: <c>sqlite:PATH</c> (the embedded default) or a PostgreSQL connection string.
/// </summary>
public sealed record DatabaseLocation(bool IsSqlite, string ConnectionString)
{
    public const string ConfigKey = "Masthead:Database";
    public const string Default = "sqlite:data/masthead.db";

    /// <summary>Why the setting cannot name a store, or null when it can.</summary>
    public static string? Problem(string? setting)
    {
        setting = setting?.Trim();
        if (string.IsNullOrEmpty(setting)) return "name a store: sqlite:PATH or a PostgreSQL connection string";
        if (setting.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return setting.Length == "sqlite:".Length ? "give the SQLite file after sqlite:, e.g. sqlite:data/masthead.db" : null;
        try
        {
            var postgres = new Npgsql.NpgsqlConnectionStringBuilder(setting);
            return string.IsNullOrEmpty(postgres.Host) ? "a PostgreSQL connection string needs Host=… (or use sqlite:PATH)" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"neither sqlite:PATH nor a PostgreSQL connection string ({e.Message})";
        }
    }

    public static DatabaseLocation Parse(string? setting, string baseDirectory)
    {
        setting = string.IsNullOrWhiteSpace(setting) ? Default : setting.Trim();
        if (!setting.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            return new DatabaseLocation(false, setting);

        var path = Path.GetFullPath(setting["sqlite:".Length..], baseDirectory);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true };
        return new DatabaseLocation(true, builder.ToString());
    }

    public string? SqliteFile => IsSqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;
}

public static class DatabaseSetup
{
    /// <summary>Configuration is read when the container first needs the store, so hosts and tests can set it late.</summary>
    public static IServiceCollection AddMastheadDb(this IServiceCollection services)
    {
        services.AddMastheadOptions<MastheadOptions>(MastheadOptions.Section);
        services.AddSingleton(sp => DatabaseLocation.Parse(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MastheadOptions>>().Value.Database, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        // Both pools are registered; only the configured one is ever asked for, through MastheadDb.
        services.AddSingleton<Publishing.Delivery.ContentStamp>();
        services.AddSingleton<ConcurrencyVersions>();
        // In this order: versions move first, events read the status an article had, the stamp moves last.
        IInterceptor[] Interceptors(IServiceProvider sp) =>
        [
            sp.GetRequiredService<ConcurrencyVersions>(), sp.GetRequiredService<Events.PublicationRecorder>(), sp.GetRequiredService<Publishing.Delivery.ContentStamp>(),
            sp.GetRequiredService<Operations.StoreTiming>(),
        ];
        services.AddDbContextPool<SqliteMastheadDb>((sp, options) => options.UseSqlite(
            sp.GetRequiredService<DatabaseLocation>().ConnectionString,
            sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .AddInterceptors(Interceptors(sp)));
        services.AddDbContextPool<PostgresMastheadDb>((sp, options) => options.UseNpgsql(
            sp.GetRequiredService<DatabaseLocation>().ConnectionString,
            npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .AddInterceptors(Interceptors(sp)));
        services.AddScoped<MastheadDb>(sp => sp.GetRequiredService<DatabaseLocation>().IsSqlite
            ? sp.GetRequiredService<SqliteMastheadDb>()
            : sp.GetRequiredService<PostgresMastheadDb>());
        return services;
    }

    /// <summary>
    /// At the start of a server or a command: migrates SQLite (one server, its own file) or, with
    /// <c>Masthead:MigrateOnStart</c>, PostgreSQL. Otherwise a cluster's schema moves only by `masthead migrate`, and
    /// this says what is pending (null when nothing is): a server then answers /readyz with 503, a command refuses.
    /// </summary>
    public static async Task<string?> PrepareAsync(IServiceProvider services, CancellationToken cancellation = default)
    {
        var location = services.GetRequiredService<DatabaseLocation>();
        if (location.IsSqlite || services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MastheadOptions>>().Value.MigrateOnStart)
        {
            await MigrateAsync(services, cancellation);
            return null;
        }
        await using var scope = services.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<MastheadDb>().Database.GetPendingMigrationsAsync(cancellation)).Count();
        return pending == 0 ? null : $"The store lacks {pending} migration(s) of this release: run `masthead migrate` (or set Masthead:MigrateOnStart).";
    }

    /// <summary>
    /// Creates the SQLite folder, applies pending migrations and switches SQLite to write-ahead logging. Servers and
    /// commands migrating one store at once take turns: EF Core holds a lock on the store while it migrates.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellation = default)
    {
        var location = services.GetRequiredService<DatabaseLocation>();
        if (location.SqliteFile is { } file)
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MastheadDb>();
        await db.Database.MigrateAsync(cancellation);
        if (location.IsSqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellation);
        await FillDerivedColumnsAsync(db, cancellation);
        await EnsureSettingsRowAsync(db, services.GetRequiredService<TimeProvider>(), cancellation);
        await EnsureFreeTierAsync(db, cancellation);
    }

    /// <summary>Every member holds a tier: the free one exists from the start (Ghost's "Free").</summary>
    private static async Task EnsureFreeTierAsync(MastheadDb db, CancellationToken cancellation)
    {
        if (await db.Tiers.AnyAsync(t => t.IsFree, cancellation)) return;
        db.Tiers.Add(new Members.Tier { Slug = "free", Name = "Free", IsFree = true, Description = "Free access to members-only articles and the newsletters." });
        try { await db.SaveChangesAsync(cancellation); }
        catch (DbUpdateException) { } // another process starting on the same store made it first
        db.ChangeTracker.Clear();
    }

    /// <summary>The settings row exists from the start, so that the content stamp always has a row to move.</summary>
    private static async Task EnsureSettingsRowAsync(MastheadDb db, TimeProvider clock, CancellationToken cancellation)
    {
        if (await db.SiteSettings.SingleOrDefaultAsync(cancellation) is { } existing)
        {
            if (existing.SiteUuid != Guid.Empty) return;
            existing.SiteUuid = Guid.NewGuid(); // a row from before the column
            await db.SaveChangesAsync(cancellation);
            db.ChangeTracker.Clear();
            return;
        }
        db.SiteSettings.Add(new Publishing.Settings.SiteSettings { ContentChangedAt = clock.GetUtcNow().UtcDateTime });
        try { await db.SaveChangesAsync(cancellation); }
        catch (DbUpdateException) { } // another process starting on the same store made it first
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Rows written before a column existed get its value here (a GUID per row and the body's text need code, not SQL).
    /// Saving them also feeds the search index through its triggers.
    /// </summary>
    private static async Task FillDerivedColumnsAsync(MastheadDb db, CancellationToken cancellation)
    {
        while (true)
        {
            var batch = await db.Articles
                // Public articles only: a gated article's preview and search text are its opening by design, may be empty,
                // and must never be filled from its whole body. Rows from before visibility existed are all public.
                .Where(a => a.Visibility == Articles.Visibility.Public)
                .Where(a => a.Uuid == Guid.Empty || (a.BodyText == "" && a.BodyHtml != "") || (a.PreviewHtml == "" && a.BodyHtml != ""))
                .OrderBy(a => a.Id).Take(500).ToListAsync(cancellation);
            if (batch.Count == 0) return;
            foreach (var article in batch)
            {
                if (article.Uuid == Guid.Empty) article.Uuid = Guid.NewGuid();
                article.BodyText = Publishing.Body.PlainText.FromHtml(article.BodyHtml);
                article.PreviewHtml = Publishing.Body.Previews.Opening(article.BodyHtml) is { Length: > 0 } opening ? opening : " ";
                if (article.BodyText == "") article.BodyText = " "; // an image-only body: marks the row as done
            }
            await db.SaveChangesAsync(cancellation);
            db.ChangeTracker.Clear();
        }
    }
}

// Used only by `dotnet ef migrations add`; nothing connects at design time.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMastheadDb>
{
    public SqliteMastheadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMastheadDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMastheadDb>
{
    public PostgresMastheadDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMastheadDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
