using Npgsql;

namespace Masthead.Tests.Infrastructure;

/// <summary>
/// A fresh, empty store for one test class. Which kind comes from MASTHEAD_TEST_DATABASE ("sqlite", the default, or
/// "postgres"); test.sh runs the whole suite once with each. PostgreSQL databases are created on the throwaway server
/// that test.sh starts (MASTHEAD_TEST_POSTGRES) and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? postgresName;
    private readonly string? sqliteFile;

    private TestDatabase(string setting, string? postgresName, string? sqliteFile)
    {
        Setting = setting;
        this.postgresName = postgresName;
        this.sqliteFile = sqliteFile;
    }

    /// <summary>The value for Masthead:Database.</summary>
    public string Setting { get; }

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("MASTHEAD_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <param name="postgres">The kind of store; by default the one the suite runs on.</param>
    public static async Task<TestDatabase> CreateAsync(bool? postgres = null)
    {
        if (!(postgres ?? IsPostgres))
        {
            var file = Path.Combine(TestFolders.Root, "db", Guid.NewGuid().ToString("N") + ".db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new TestDatabase("sqlite:" + file, null, file);
        }

        var server = Environment.GetEnvironmentVariable("MASTHEAD_TEST_POSTGRES")
            ?? throw new InvalidOperationException("a PostgreSQL test store needs MASTHEAD_TEST_POSTGRES (./test.sh sets it for both runs)");
        var name = "masthead_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new TestDatabase(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, name, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(sqliteFile + suffix);
        }
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("MASTHEAD_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

public static class TestFolders
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "masthead-tests");

    public static string NewFolder(string purpose)
    {
        var path = Path.Combine(Root, purpose + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The folder holding Masthead.slnx.</summary>
    public static string Repository(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Masthead.slnx")))
            directory = directory.Parent;
        if (directory is null) throw new DirectoryNotFoundException("cannot find the repository root above " + AppContext.BaseDirectory);
        return Path.Combine([directory.FullName, .. parts]);
    }

    /// <summary>shared/ lies beside the repository: ../shared from its root.</summary>
    public static string Shared(params string[] parts) => Path.Combine([Path.GetDirectoryName(Repository())!, "shared", .. parts]);

    public static string ReferencePage => Shared("reference", "article-page.txt");
}
